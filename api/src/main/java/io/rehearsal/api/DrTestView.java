package io.rehearsal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A test's progress and summary. {@code rto} is start to end of the automated part, once ended; {@code rpo} is the
 * data-loss window. {@code version} is the sequence number of the last event applied, so a client can order updates.
 */
public record DrTestView(DrTestId testId, EnvironmentId environmentId, String environmentName, TestStatus status,
                         Actor startedBy, String reason, Instant startedAt, Instant endedAt, String sourceRegion,
                         String drRegion, BackupRef backup, Duration rpo, Duration rto, Targets targets,
                         List<StepView> steps, FailoverStep failedStep, String failureReason, long version) {
}
