package io.rehearsal.api;

import java.time.Duration;
import java.time.Instant;

/** Every next step of a completed test was closed, the first time: {@code fullRto} is start to this moment. */
public record EnvironmentFullyRestoredEvent(DrTestId testId, EnvironmentId environmentId, Instant restoredAt,
                                            Duration fullRto) implements DrTestEvent {
}
