package io.rehearsal.api;

import java.time.Instant;

public record EnvironmentConfigurationChangedEvent(EnvironmentId environmentId, EnvironmentConfiguration configuration,
                                                   Instant changedAt) implements EnvironmentEvent {
}
