package io.rehearsal.api;

import java.time.Instant;

/**
 * An environment became known. {@code drRegion} was added later: events stored before it carry none (their DR
 * region came with a {@link DisasterRecoveryEnabledEvent}). Enabling DR is always a separate event.
 */
public record EnvironmentRegisteredEvent(EnvironmentId environmentId, String displayName, Purpose purpose,
                                         String region, EnvironmentConfiguration configuration, Targets targets,
                                         Instant registeredAt, String drRegion) implements EnvironmentEvent {

    public EnvironmentRegisteredEvent(EnvironmentId environmentId, String displayName, Purpose purpose, String region,
                                      EnvironmentConfiguration configuration, Targets targets, Instant registeredAt) {
        this(environmentId, displayName, purpose, region, configuration, targets, registeredAt, null);
    }
}
