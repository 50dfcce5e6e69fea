package io.rehearsal.ui.environment;

import io.rehearsal.api.BackupRef;
import io.rehearsal.api.EnvironmentId;

import java.time.Duration;
import java.util.List;

/** What the confirmation shows: every precondition, with the last backup and the data that would be lost. */
record PreconditionsResponse(EnvironmentId environmentId, String environmentName, BackupRef lastBackup,
                             Duration dataLossWindow, List<Precondition> preconditions) {

    record Precondition(String id, String text) {
    }
}
