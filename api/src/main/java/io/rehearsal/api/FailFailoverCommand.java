package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record FailFailoverCommand(@TargetAggregateIdentifier DrTestId testId, FailoverStep step, String reason) {
}
