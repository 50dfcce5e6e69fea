package io.rehearsal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A DR test started. It records everything the test depends on as it stood at that moment, so the
 * test, its report and its audit never depend on later changes to the environment.
 */
public record FailoverStartedEvent(DrTestId testId, EnvironmentId environmentId, String environmentName,
                                   Actor startedBy, Instant startedAt, String reason,
                                   Set<String> acknowledgedPreconditions, String sourceRegion, String drRegion,
                                   BackupRef backup, Duration dataLossWindow,
                                   EnvironmentConfiguration sourceConfiguration, Targets targets)
        implements DrTestEvent {
}
