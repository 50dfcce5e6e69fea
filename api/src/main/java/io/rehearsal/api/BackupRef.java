package io.rehearsal.api;

import java.time.Instant;

public record BackupRef(String backupId, Instant takenAt) {
}
