package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks a next step DONE or NOT_APPLICABLE, with a note; OPEN reopens it. */
public record CloseNextStepCommand(@TargetAggregateIdentifier DrTestId testId, NextStep step, NextStep.State state,
                                   String note, Actor actor) {
}
