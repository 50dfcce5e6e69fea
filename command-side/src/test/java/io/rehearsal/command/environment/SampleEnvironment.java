package io.rehearsal.command.environment;

import io.rehearsal.api.BackupRecordedEvent;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.DisasterRecoveryEnabledEvent;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRegisteredEvent;
import io.rehearsal.api.ExternalConnection;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.Targets;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One environment the command-side tests share: a pre-production environment in eu-west-1, DR to eu-central-1. */
public final class SampleEnvironment {

    public static final EnvironmentId ID = EnvironmentId.of("acme-preprod");
    public static final String NAME = "ACME Pre-Production";
    public static final String REGION = "eu-west-1";
    public static final String DR_REGION = "eu-central-1";
    public static final EnvironmentConfiguration CONFIGURATION = new EnvironmentConfiguration(
            new DatabaseConfiguration("postgres", "16.4", "db.r6g.large", 200),
            new FrontEndConfiguration(2, "m6i.large", 50),
            new NetworkConfiguration("10.20.0.0/16"),
            new KeptConfiguration(true, false, true, List.of("203.0.113.0/24", "198.51.100.7/32"),
                    List.of(new ExternalConnection("reporting-db", "postgres", "reporting.acme.internal"))));
    public static final Targets TARGETS = new Targets(Duration.ofHours(4), Duration.ofHours(24), 365);

    public static EnvironmentRegisteredEvent registered(Instant at) {
        return new EnvironmentRegisteredEvent(ID, NAME, Purpose.PRE_PRODUCTION, REGION, CONFIGURATION, TARGETS, at);
    }

    public static DisasterRecoveryEnabledEvent drEnabled() {
        return new DisasterRecoveryEnabledEvent(ID, DR_REGION);
    }

    public static BackupRecordedEvent backupRecorded(BackupRef backup) {
        return new BackupRecordedEvent(ID, backup.backupId(), backup.takenAt());
    }

    private SampleEnvironment() {
    }
}
