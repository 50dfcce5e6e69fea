package io.rehearsal.api;

/** An environment as operators see it. {@code available} is false while a test runs or after one failed. */
public record EnvironmentView(EnvironmentId id, String displayName, Purpose purpose, String region, String drRegion,
                              boolean drEnabled, boolean available, BackupRef lastBackup, DrTestId activeTestId,
                              EnvironmentConfiguration configuration, Targets targets) {
}
