package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeEnvironmentTargetsCommand(@TargetAggregateIdentifier EnvironmentId environmentId, Targets targets) {
}
