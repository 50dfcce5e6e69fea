package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RetireEnvironmentCommand(@TargetAggregateIdentifier EnvironmentId environmentId) {
}
