package io.rehearsal.api;

import java.time.Instant;

/**
 * A page of the test history, newest first; a null filter matches everything. {@code from} (inclusive) and
 * {@code to} (exclusive) bound the test's start.
 */
public record FindDrTestHistoryQuery(EnvironmentId environmentId, TestStatus status, ReportResult result,
                                     Instant from, Instant to, int page, int size) {

    /** By environment and status only, as the history was first filtered. */
    public FindDrTestHistoryQuery(EnvironmentId environmentId, TestStatus status, int page, int size) {
        this(environmentId, status, null, null, null, page, size);
    }
}
