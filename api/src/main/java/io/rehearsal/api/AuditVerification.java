package io.rehearsal.api;

/**
 * Whether a test's hash chain, recomputed from the event store, is intact; if not, the first event where it
 * breaks and why.
 */
public record AuditVerification(DrTestId testId, boolean intact, int events, Long brokenAtSequence,
                                String brokenAtType, String reason) {
}
