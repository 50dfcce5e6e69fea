package io.rehearsal.command.infrastructure;

import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailoverStep;

import java.time.Duration;
import java.util.Map;

/**
 * One attempt of one step, with everything the test recorded when it started, what earlier steps produced, and
 * how long the attempt may take: past {@code timeout} the test no longer waits for it, so a provider should
 * stop working on it too.
 */
public record StepRequest(DrTestId testId, EnvironmentId environmentId, FailoverStep step, int attempt,
                          String sourceRegion, String drRegion, BackupRef backup,
                          EnvironmentConfiguration sourceConfiguration, Map<FailoverStep, Map<String, Object>> earlierFacts,
                          Duration timeout) {

    /** The idempotence key of an execution. */
    public String executionKey() {
        return testId + "/" + step + "/" + attempt;
    }
}
