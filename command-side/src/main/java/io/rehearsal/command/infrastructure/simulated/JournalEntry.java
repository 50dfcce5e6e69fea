package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.FailoverStep;
import io.rehearsal.command.infrastructure.StepOutcome;

import java.util.List;
import java.util.Map;

/** One executed action: its idempotence key, its outcome, and every deployment as it stood after it. */
record JournalEntry(String key, String testId, FailoverStep step, Outcome outcome,
                    List<SimulatedDeployment> deployments, long nextId) {

    record Outcome(boolean succeeded, Map<String, Object> facts, String reason, boolean retryable) {

        static Outcome of(StepOutcome outcome) {
            if (outcome instanceof StepOutcome.Failed f) {
                return new Outcome(false, Map.of(), f.reason(), f.retryable());
            }
            return new Outcome(true, ((StepOutcome.Succeeded) outcome).facts(), null, false);
        }

        StepOutcome toStepOutcome() {
            return succeeded ? new StepOutcome.Succeeded(facts) : new StepOutcome.Failed(reason, retryable);
        }
    }
}
