package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteFailoverCommand(@TargetAggregateIdentifier DrTestId testId) {
}
