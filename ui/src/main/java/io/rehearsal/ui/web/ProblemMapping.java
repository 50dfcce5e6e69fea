package io.rehearsal.ui.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rehearsal.api.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/** The one place where failures become HTTP answers, all as {@code application/problem+json}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's generic problem-details handler
class ProblemMapping {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapping.class);

    @ExceptionHandler(Problems.ProblemException.class)
    ResponseEntity<ProblemDetail> problem(Problems.ProblemException e) {
        return respond(e.problem());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> rejected(CommandExecutionException e) {
        Rejection rejection = e.<Rejection>getDetails().orElse(null);
        if (rejection == null) {
            return unexpected(e);
        }
        HttpStatus status = switch (rejection.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        return respond(Problems.withErrors(Problems.of(status, rejection.message()), rejection.errors()));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return respond(Problems.of(HttpStatus.CONFLICT,
                "Another change to the same item was recorded at the same moment; reload and try again."));
    }

    @ExceptionHandler(CompletionException.class)
    ResponseEntity<ProblemDetail> completion(CompletionException e) throws Throwable {
        Throwable cause = e.getCause();
        if (cause instanceof CommandExecutionException c) {
            return rejected(c);
        }
        if (cause instanceof ConcurrencyException c) {
            return concurrent(c);
        }
        return unexpected(cause == null ? e : cause);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> badInput(ServerWebInputException e) {
        String detail = e.getReason() != null ? e.getReason() : "The request is malformed.";
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                detail = "The request body is not valid JSON for this request: " + json.getOriginalMessage();
                break;
            }
            if (cause instanceof DecodingException decoding) {
                detail = "The request body is not valid JSON for this request: " + decoding.getMessage();
            }
        }
        if (e.getCause() == null && e.getMethodParameter() != null && detail.contains("body is missing")) {
            detail = "A JSON request body is required.";
        }
        return respond(Problems.of(HttpStatus.BAD_REQUEST, detail));
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e) {
        String supported = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(" or "));
        return respond(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the request body as " + supported + " (got " + e.getContentType() + ")."));
    }

    private ResponseEntity<ProblemDetail> unexpected(Throwable e) {
        log.error("Unexpected failure while serving a request", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "Rehearsal could not complete the request; nothing was changed unless the logs say otherwise. ("
                        + e.getClass().getSimpleName() + ")"));
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
