package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record StartFailoverStepCommand(@TargetAggregateIdentifier DrTestId testId, FailoverStep step, int attempt) {
}
