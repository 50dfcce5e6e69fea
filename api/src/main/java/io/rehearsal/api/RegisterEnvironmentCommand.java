package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a new environment; with {@code drEnabled} it can be tested at once (a DR region is then required). */
public record RegisterEnvironmentCommand(@TargetAggregateIdentifier EnvironmentId environmentId, String displayName,
                                         Purpose purpose, String region, String drRegion, boolean drEnabled,
                                         EnvironmentConfiguration configuration, Targets targets) {
}
