package io.rehearsal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

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

    public FailoverStartedEvent {
        // sorted: the same event reads and hashes the same before storing and after reading it back
        acknowledgedPreconditions = acknowledgedPreconditions == null ? Set.of()
                : Collections.unmodifiableSortedSet(new TreeSet<>(acknowledgedPreconditions));
    }
}
