package io.rehearsal.api;

import java.time.Instant;

public record BackupRecordedEvent(EnvironmentId environmentId, String backupId, Instant takenAt)
        implements EnvironmentEvent {
}
