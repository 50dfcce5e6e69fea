package io.rehearsal.api;

import java.time.Instant;

/** A test's report; with {@code asOf}, rebuilt from the events as it stood at that moment. */
public record FindReportQuery(DrTestId testId, Instant asOf) {
}
