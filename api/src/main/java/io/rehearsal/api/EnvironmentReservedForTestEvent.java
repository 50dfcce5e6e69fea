package io.rehearsal.api;

import java.time.Instant;

/** The environment is unavailable from now on: a DR test runs on it. */
public record EnvironmentReservedForTestEvent(EnvironmentId environmentId, DrTestId testId, Instant reservedAt)
        implements EnvironmentEvent {
}
