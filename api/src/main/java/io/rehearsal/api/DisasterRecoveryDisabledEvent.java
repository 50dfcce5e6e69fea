package io.rehearsal.api;

/** DR was turned off: no test can start until it is enabled again. The DR region is kept. */
public record DisasterRecoveryDisabledEvent(EnvironmentId environmentId) implements EnvironmentEvent {
}
