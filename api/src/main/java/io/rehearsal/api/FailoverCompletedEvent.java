package io.rehearsal.api;

import java.time.Duration;
import java.time.Instant;

/** Every step completed: {@code automatedRto} is start to end of the automated part. */
public record FailoverCompletedEvent(DrTestId testId, EnvironmentId environmentId, Instant completedAt,
                                     Duration automatedRto) implements DrTestEvent {
}
