package io.rehearsal.api;

import java.time.Instant;

public record EnvironmentTargetsChangedEvent(EnvironmentId environmentId, Targets targets, Instant changedAt)
        implements EnvironmentEvent {
}
