package io.rehearsal.ui.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rehearsal.api.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/** The one place where failures become HTTP answers, all as {@code application/problem+json}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's generic problem-details handler
class ProblemMapping {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapping.class);

    private final DataSize bodyLimit;

    ProblemMapping(@Value("${spring.codec.max-in-memory-size:256KB}") DataSize bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

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
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return respond(RequestBodyProblems.of(json));
            }
        }
        if ("No request body".equals(e.getReason())) {
            return respond(Problems.of(HttpStatus.BAD_REQUEST, "A JSON request body is required."));
        }
        if (e instanceof MissingRequestValueException missing) {
            return respond(Problems.of(HttpStatus.BAD_REQUEST, "The " + missing.getLabel() + " '" + missing.getName()
                    + "' is required."));
        }
        if (e.getCause() instanceof TypeMismatchException mismatch && e.getMethodParameter() != null) {
            return respond(Problems.of(HttpStatus.BAD_REQUEST, "'" + Params.shown(String.valueOf(mismatch.getValue()))
                    + "' is not a valid " + parameterName(e.getMethodParameter()) + "."));
        }
        if (e.getCause() instanceof DecodingException) {
            return respond(Problems.of(HttpStatus.BAD_REQUEST, "The request body cannot be read for this request."));
        }
        return respond(Problems.of(HttpStatus.BAD_REQUEST, "The request is malformed."));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return respond(ErrorBodies.tooLarge(bodyLimit));
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e) {
        String supported = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(" or "));
        return respond(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getContentType() == null
                ? (supported.equals("application/json") ? "A JSON request body is required" : "A request body is required")
                + ", sent as " + supported + "."
                : "Send the request body as " + supported + " (got " + e.getContentType() + ")."));
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        String name = param != null && !param.name().isEmpty() ? param.name() : parameter.getParameterName();
        return name == null ? "parameter" : name;
    }

    private ResponseEntity<ProblemDetail> unexpected(Throwable e) {
        log.error("Unexpected failure while serving a request", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "Rehearsal could not complete the request; nothing was changed unless the logs say otherwise."));
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
