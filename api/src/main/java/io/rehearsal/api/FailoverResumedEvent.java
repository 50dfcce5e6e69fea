package io.rehearsal.api;

import java.time.Instant;

/** A failed test runs again from {@code step}, whose next attempt is {@code attempt}. */
public record FailoverResumedEvent(DrTestId testId, EnvironmentId environmentId, FailoverStep step, int attempt,
                                   Actor resumedBy, Instant resumedAt) implements DrTestEvent {
}
