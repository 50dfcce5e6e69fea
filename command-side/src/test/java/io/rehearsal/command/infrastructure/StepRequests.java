package io.rehearsal.command.infrastructure;

import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Step requests for provider tests: one environment of acme-preprod's shape, moving from eu-west-1. */
public final class StepRequests {

    public static final EnvironmentConfiguration SOURCE = new EnvironmentConfiguration(
            new DatabaseConfiguration("postgres", "16.4", "db.r6g.large", 200), new FrontEndConfiguration(2, "m6i.large", 50),
            new NetworkConfiguration("10.20.0.0/16"), new KeptConfiguration(true, false, true, List.of(), List.of()));

    private StepRequests() {
    }

    public static StepRequest request(DrTestId testId, FailoverStep step, int attempt, Duration timeout) {
        return new StepRequest(testId, EnvironmentId.of("acme-preprod"), step, attempt, "eu-west-1", "eu-central-1",
                new BackupRef("bkp-7", Instant.parse("2026-11-26T09:00:00Z")), SOURCE, Map.of(), timeout);
    }
}
