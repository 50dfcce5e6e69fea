package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A backup of the environment was taken. A backup older than the last one is refused unless {@code lateReport}
 * says it is being reported late on purpose: it is then recorded, and the last backup stays what it was.
 */
public record RecordBackupCommand(@TargetAggregateIdentifier EnvironmentId environmentId, String backupId,
                                  Instant takenAt, boolean lateReport) {

    public RecordBackupCommand(EnvironmentId environmentId, String backupId, Instant takenAt) {
        this(environmentId, backupId, takenAt, false);
    }
}
