package io.rehearsal.api;

import java.util.List;

/**
 * Why a command was refused. Travels as the details of a {@code CommandExecutionException}, so the web
 * layer maps it to a status code without parsing messages, locally and through Axon Server alike.
 * {@code errors} lists every invalid field when the command was refused for its content (empty otherwise).
 */
public record Rejection(Reason reason, String message, List<FieldError> errors) {

    public Rejection {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Rejection(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public enum Reason {
        NOT_FOUND,
        CONFLICT,
        INVALID
    }
}
