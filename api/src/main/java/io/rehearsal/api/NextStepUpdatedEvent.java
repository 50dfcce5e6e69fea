package io.rehearsal.api;

import java.time.Instant;

/** A next step was closed (DONE, NOT_APPLICABLE) or reopened (OPEN), by whom, when and why. */
public record NextStepUpdatedEvent(DrTestId testId, NextStep step, NextStep.State state, String note, Actor actor,
                                   Instant at) implements DrTestEvent {
}
