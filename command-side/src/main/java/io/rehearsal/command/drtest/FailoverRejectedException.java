package io.rehearsal.command.drtest;

import io.rehearsal.api.Rejection;

/** A command the write model refuses; the message tells the operator what to change. */
public class FailoverRejectedException extends RuntimeException {

    private final Rejection.Reason reason;

    public FailoverRejectedException(Rejection.Reason reason, String message) {
        super(message);
        this.reason = reason;
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

    public Rejection rejection() {
        return new Rejection(reason, getMessage());
    }
}
