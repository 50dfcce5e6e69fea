package io.rehearsal.api;

import java.time.Instant;

public record EnvironmentRegisteredEvent(EnvironmentId environmentId, String displayName, Purpose purpose,
                                         String region, EnvironmentConfiguration configuration, Targets targets,
                                         Instant registeredAt) implements EnvironmentEvent {
}
