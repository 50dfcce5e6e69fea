package io.rehearsal.api;

public record VerifyAuditTrailQuery(DrTestId testId) {
}
