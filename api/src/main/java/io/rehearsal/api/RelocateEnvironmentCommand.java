package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a completed failover on the environment: it now runs where the test moved it. */
public record RelocateEnvironmentCommand(@TargetAggregateIdentifier EnvironmentId environmentId, DrTestId testId,
                                         NetworkConfiguration newNetwork) {
}
