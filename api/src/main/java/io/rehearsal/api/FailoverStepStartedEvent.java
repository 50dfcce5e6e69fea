package io.rehearsal.api;

import java.time.Instant;

public record FailoverStepStartedEvent(DrTestId testId, EnvironmentId environmentId, FailoverStep step, int attempt,
                                       Instant startedAt) implements DrTestEvent {
}
