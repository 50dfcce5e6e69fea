package io.rehearsal.api;

import java.time.Instant;

/** {@code lateReport} (added later, absent before) marks a backup older than the last one when it was reported. */
public record BackupRecordedEvent(EnvironmentId environmentId, String backupId, Instant takenAt, Boolean lateReport)
        implements EnvironmentEvent {

    public BackupRecordedEvent(EnvironmentId environmentId, String backupId, Instant takenAt) {
        this(environmentId, backupId, takenAt, null);
    }

    public boolean late() {
        return Boolean.TRUE.equals(lateReport);
    }
}
