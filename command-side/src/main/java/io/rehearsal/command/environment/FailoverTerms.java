package io.rehearsal.command.environment;

import io.rehearsal.api.BackupRef;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.Targets;

/** What an environment commits to a test it accepted: where it moves, from which backup, in which shape. */
public record FailoverTerms(String displayName, String sourceRegion, String drRegion, BackupRef backup,
                            EnvironmentConfiguration configuration, Targets targets) {
}
