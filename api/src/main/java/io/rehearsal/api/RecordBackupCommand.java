package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordBackupCommand(@TargetAggregateIdentifier EnvironmentId environmentId, String backupId,
                                  Instant takenAt) {
}
