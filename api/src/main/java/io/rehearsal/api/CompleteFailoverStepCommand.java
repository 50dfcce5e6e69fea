package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Reports a step as done, with the facts the infrastructure produced (e.g. the new VPC and its CIDR). */
public record CompleteFailoverStepCommand(@TargetAggregateIdentifier DrTestId testId, FailoverStep step, int attempt,
                                          Map<String, Object> facts) {

    public CompleteFailoverStepCommand {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
}
