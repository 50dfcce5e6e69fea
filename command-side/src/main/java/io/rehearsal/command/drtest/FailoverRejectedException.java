package io.rehearsal.command.drtest;

import io.rehearsal.api.FieldError;
import io.rehearsal.api.Rejection;

import java.util.List;

/** A command the write model refuses; the message tells the operator what to change. */
public class FailoverRejectedException extends RuntimeException {

    private final Rejection.Reason reason;
    private final List<FieldError> errors;

    public FailoverRejectedException(Rejection.Reason reason, String message) {
        this(reason, message, List.of());
    }

    private FailoverRejectedException(Rejection.Reason reason, String message, List<FieldError> errors) {
        super(message);
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public static FailoverRejectedException notFound(String message) {
        return new FailoverRejectedException(Rejection.Reason.NOT_FOUND, message);
    }

    public static FailoverRejectedException conflict(String message) {
        return new FailoverRejectedException(Rejection.Reason.CONFLICT, message);
    }

    public static FailoverRejectedException invalid(String message) {
        return new FailoverRejectedException(Rejection.Reason.INVALID, message);
    }

    /** Refused for its content, naming every invalid field. */
    public static FailoverRejectedException invalid(String message, List<FieldError> errors) {
        return new FailoverRejectedException(Rejection.Reason.INVALID, message, errors);
    }

    public Rejection rejection() {
        return new Rejection(reason, getMessage(), errors);
    }
}
