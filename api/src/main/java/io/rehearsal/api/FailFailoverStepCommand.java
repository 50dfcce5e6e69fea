package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reports a step attempt as failed; {@code retryable} tells a transient failure from a permanent one. */
public record FailFailoverStepCommand(@TargetAggregateIdentifier DrTestId testId, FailoverStep step, int attempt,
                                      String reason, boolean retryable) {
}
