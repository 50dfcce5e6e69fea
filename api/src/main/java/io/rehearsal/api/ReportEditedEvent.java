package io.rehearsal.api;

import java.time.Instant;
import java.util.List;

/** What an edit of a report changed, each attribute from what to what. */
public record ReportEditedEvent(DrTestId testId, List<Change> changes, Actor editedBy, Instant editedAt)
        implements DrTestEvent {

    public record Change(String attribute, String from, String to) {
    }
}
