package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Starts a DR test: creates the DrTest and reserves its environment in one unit of work. */
public record StartFailoverCommand(@TargetAggregateIdentifier DrTestId testId, EnvironmentId environmentId,
                                   Set<String> acknowledgedPreconditions, String confirmationName, String reason,
                                   Actor startedBy) {

    public StartFailoverCommand {
        acknowledgedPreconditions = acknowledgedPreconditions == null ? Set.of() : Set.copyOf(acknowledgedPreconditions);
    }
}
