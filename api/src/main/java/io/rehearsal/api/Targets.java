package io.rehearsal.api;

import java.time.Duration;

/** What the organisation promises for this environment: recovery time, data loss, and test cadence. */
public record Targets(Duration rto, Duration rpo, int testIntervalDays) {
}
