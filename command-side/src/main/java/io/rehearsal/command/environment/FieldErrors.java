package io.rehearsal.command.environment;

import io.rehearsal.api.FieldError;
import io.rehearsal.command.drtest.FailoverRejectedException;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of a command, so one refusal lists them all. */
final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Requires text of at most {@code max} characters; true when it was given. */
    boolean requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "is required.");
            return false;
        }
        if (value.length() > max) {
            add(field, "is " + value.length() + " characters long; at most " + max + " are allowed.");
            return false;
        }
        return true;
    }

    List<FieldError> all() {
        return List.copyOf(errors);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Refuses the command (422) naming each invalid field, the first in the message. */
    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        FieldError first = errors.get(0);
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more: see errors)";
        throw FailoverRejectedException.invalid(first.field() + " " + first.message() + more, errors);
    }
}
