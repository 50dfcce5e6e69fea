package io.rehearsal.ui.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters read the same way everywhere, each refusal a 400 that shows the expected form. */
public final class Params {

    private Params() {
    }

    public static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest(name + " '" + text + "' is not an ISO-8601 instant such as 2026-11-26T10:15:30Z.");
        }
    }
}
