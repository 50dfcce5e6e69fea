package io.rehearsal.api;

import java.time.Instant;

/** One recorded event of a test, as an auditor reads it; {@code payload} is the event itself. */
public record AuditEntry(String aggregateId, long sequence, String type, Instant timestamp, String actor, Object payload, String hash,
                         String previousHash) {
}
