package io.rehearsal.api;

/** The region a failover moves to changed, DR staying as it was (enabled or not). */
public record DrRegionChangedEvent(EnvironmentId environmentId, String drRegion) implements EnvironmentEvent {
}
