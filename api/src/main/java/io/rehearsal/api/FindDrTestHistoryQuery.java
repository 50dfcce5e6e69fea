package io.rehearsal.api;

/** A page of the test history, newest first; a null filter matches everything. */
public record FindDrTestHistoryQuery(EnvironmentId environmentId, TestStatus status, int page, int size) {
}
