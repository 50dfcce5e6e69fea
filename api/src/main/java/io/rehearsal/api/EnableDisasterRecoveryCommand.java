package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EnableDisasterRecoveryCommand(@TargetAggregateIdentifier EnvironmentId environmentId, String drRegion) {
}
