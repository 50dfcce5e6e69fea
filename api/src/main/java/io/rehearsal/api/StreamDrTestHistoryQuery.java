package io.rehearsal.api;

import java.time.Instant;

/**
 * Every test of the history that matches, newest first, as a streaming query (an export has no pages); the
 * filters mean what they mean in {@link FindDrTestHistoryQuery}.
 */
public record StreamDrTestHistoryQuery(EnvironmentId environmentId, TestStatus status, ReportResult result,
                                       Instant from, Instant to) {
}
