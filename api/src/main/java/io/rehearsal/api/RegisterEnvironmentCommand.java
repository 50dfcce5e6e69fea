package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterEnvironmentCommand(@TargetAggregateIdentifier EnvironmentId environmentId, String displayName,
                                         Purpose purpose, String region, EnvironmentConfiguration configuration,
                                         Targets targets) {
}
