package io.rehearsal.ui.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters read the same way everywhere, each refusal a 400 that shows the expected form. */
public final class Params {

    /** The instants a question may name: the years 0000 to 9999, as every store and the ISO format hold them. */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final int SHOWN = 60;

    private Params() {
    }

    public static Instant instant(String name, String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest(name + " '" + shown(text) + "' is not an ISO-8601 instant such as "
                    + "2026-11-26T10:15:30Z.");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw Problems.badRequest(name + " '" + shown(text) + "' is outside the years 0000 to 9999.");
        }
        return instant;
    }

    /**
     * A period [from, to): from is the first moment included, to the first one not included. A from after its to
     * is a question with no answer, refused the same way by every endpoint that takes a period.
     */
    public static void period(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw Problems.badRequest("from (" + from + ") is after to (" + to + "): from is the first moment to "
                    + "include, to the first one not to include.");
        }
    }

    /** A moment to show something as it stood: it must have come already. */
    public static Instant past(String name, String text, Instant now) {
        Instant instant = instant(name, text);
        if (instant.isAfter(now)) {
            throw Problems.badRequest(name + " (" + instant + ") is in the future; nothing has stood then yet, "
                    + "leave it out for the current state.");
        }
        return instant;
    }

    /** A value echoed in a detail, cut short: a detail quotes what was sent, it does not repeat a long input. */
    static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }
}
