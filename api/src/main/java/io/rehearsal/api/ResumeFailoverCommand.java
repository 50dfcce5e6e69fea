package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN continues a failed test from the step that failed; the steps before it are not repeated. */
public record ResumeFailoverCommand(@TargetAggregateIdentifier DrTestId testId, Actor resumedBy) {
}
