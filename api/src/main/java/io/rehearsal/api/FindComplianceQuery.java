package io.rehearsal.api;

import java.time.Instant;

/** The compliance overview: every environment's testing state, and the tests started in [from, to). */
public record FindComplianceQuery(Instant from, Instant to, Instant now) {
}
