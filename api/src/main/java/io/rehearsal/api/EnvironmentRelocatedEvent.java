package io.rehearsal.api;

import java.time.Instant;

/** A completed failover moved the environment: it runs in {@code region}, and fails back to {@code drRegion}. */
public record EnvironmentRelocatedEvent(EnvironmentId environmentId, DrTestId testId, String region, String drRegion,
                                        NetworkConfiguration network, Instant relocatedAt) implements EnvironmentEvent {
}
