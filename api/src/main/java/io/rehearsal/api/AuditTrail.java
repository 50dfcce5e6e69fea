package io.rehearsal.api;

import java.util.List;

public record AuditTrail(DrTestId testId, List<AuditEntry> events) {
}
