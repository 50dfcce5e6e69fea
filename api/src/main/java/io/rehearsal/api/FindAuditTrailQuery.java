package io.rehearsal.api;

public record FindAuditTrailQuery(DrTestId testId) {
}
