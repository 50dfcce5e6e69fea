package io.rehearsal.api;

/** The customer's own verdict on a test, not its technical status. */
public enum ReportResult {
    SUCCESSFUL, SUCCESSFUL_WITH_ISSUES, UNSUCCESSFUL, NOT_EVALUATED
}
