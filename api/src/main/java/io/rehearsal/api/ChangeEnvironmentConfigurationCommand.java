package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces what a failover must reproduce; a running test keeps the configuration it recorded at its start. */
public record ChangeEnvironmentConfigurationCommand(@TargetAggregateIdentifier EnvironmentId environmentId,
                                                    EnvironmentConfiguration configuration) {
}
