package io.rehearsal.api;

import java.time.Duration;
import java.time.Instant;

/** One line of the test history. */
public record DrTestSummary(DrTestId testId, EnvironmentId environmentId, String environmentName, TestStatus status,
                            Actor startedBy, Instant startedAt, Instant endedAt, Duration rto, Duration rpo,
                            FailoverStep failedStep, ReportResult result, Duration fullRto) {
}
