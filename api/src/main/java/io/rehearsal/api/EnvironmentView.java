package io.rehearsal.api;

import java.time.Instant;

/**
 * An environment as operators see it. {@code available} is false while a test runs or after one failed; a retired
 * environment ({@code retiredAt} set) takes no new tests and stays in the history, the audit trail and compliance.
 * {@code version} is the sequence number of the environment's last event the view shows.
 */
public record EnvironmentView(EnvironmentId id, String displayName, Purpose purpose, String region, String drRegion,
                              boolean drEnabled, boolean available, BackupRef lastBackup, DrTestId activeTestId,
                              EnvironmentConfiguration configuration, Targets targets, boolean retired,
                              Instant retiredAt, long version) {

}
