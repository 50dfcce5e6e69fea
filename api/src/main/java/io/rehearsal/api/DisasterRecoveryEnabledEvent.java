package io.rehearsal.api;

public record DisasterRecoveryEnabledEvent(EnvironmentId environmentId, String drRegion) implements EnvironmentEvent {
}
