package io.rehearsal.ui.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

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

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(of(HttpStatus.UNPROCESSABLE_ENTITY, detail));
    }

    /** A problem to answer with, thrown from anywhere in the web layer. */
    public static class ProblemException extends RuntimeException {

        private final ProblemDetail problem;

        ProblemException(ProblemDetail problem) {
            super(problem.getDetail(), null, false, false);
            this.problem = problem;
        }

        public ProblemDetail problem() {
            return problem;
        }
    }
}
