package io.rehearsal.command.inventory;

import io.rehearsal.api.FieldError;

import java.util.List;

/** An inventory file that cannot be applied as written: nothing of it was recorded. */
public class InvalidInventoryException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInventoryException(List<FieldError> errors) {
        super("The inventory cannot be applied: " + errors.get(0).field()
                + (errors.get(0).field().isEmpty() ? "" : " ") + errors.get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more: see errors)" : ""), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
