package io.rehearsal.command.infrastructure;

import java.util.Map;

/** A step outcome as a journal keeps it. */
public record RecordedOutcome(boolean succeeded, Map<String, Object> facts, String reason, boolean retryable) {

    public static RecordedOutcome of(StepOutcome outcome) {
        if (outcome instanceof StepOutcome.Failed f) {
            return new RecordedOutcome(false, Map.of(), f.reason(), f.retryable());
        }
        return new RecordedOutcome(true, ((StepOutcome.Succeeded) outcome).facts(), null, false);
    }

    public StepOutcome toStepOutcome() {
        return succeeded ? new StepOutcome.Succeeded(facts) : new StepOutcome.Failed(reason, retryable);
    }
}
