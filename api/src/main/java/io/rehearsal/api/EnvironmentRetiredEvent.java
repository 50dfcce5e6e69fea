package io.rehearsal.api;

import java.time.Instant;

/** No new tests: the environment stays in the history, the audit trail and compliance, shown as retired. */
public record EnvironmentRetiredEvent(EnvironmentId environmentId, Instant retiredAt) implements EnvironmentEvent {
}
