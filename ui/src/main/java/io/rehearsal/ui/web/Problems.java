package io.rehearsal.ui.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import io.rehearsal.api.FieldError;

import java.net.URI;
import java.util.List;

/** Problem details (RFC 9457) with a stable type per kind of problem. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://rehearsal.io/problems/" + status.name().toLowerCase().replace('_', '-')));
        return problem;
    }

    /** A status Spring may not name (an HTTP server's own): the problem keeps the code, its type the nearest kind. */
    static ProblemDetail of(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = of(known != null ? known : HttpStatus.BAD_REQUEST, detail);
        problem.setStatus(status);
        return problem;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(of(HttpStatus.NOT_FOUND, detail));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(of(HttpStatus.BAD_REQUEST, detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(of(HttpStatus.CONFLICT, detail));
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(of(HttpStatus.UNPROCESSABLE_ENTITY, detail));
    }

    /** A 422 whose {@code errors} member lists every invalid field, each with its path in the request body. */
    public static ProblemException unprocessable(String detail, List<FieldError> errors) {
        return new ProblemException(withErrors(of(HttpStatus.UNPROCESSABLE_ENTITY, detail), errors));
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** A detail naming the first invalid field, and how many more the {@code errors} member lists. */
    public static String firstOf(List<FieldError> errors) {
        FieldError first = errors.get(0);
        return first.field() + " " + first.message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more: see errors)" : "");
    }

    /** A problem to answer with, thrown from anywhere in the web layer. */
    public static class ProblemException extends RuntimeException {

        private final ProblemDetail problem;

        public ProblemException(ProblemDetail problem) {
            super(problem.getDetail(), null, false, false);
            this.problem = problem;
        }

        public ProblemDetail problem() {
            return problem;
        }
    }
}
