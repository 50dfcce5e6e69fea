package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turns DR on or off and sets the region a failover moves to; refused while a test runs. */
public record ChangeDisasterRecoveryCommand(@TargetAggregateIdentifier EnvironmentId environmentId, boolean drEnabled,
                                            String drRegion) {
}
