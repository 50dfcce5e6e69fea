package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.FailoverStep;
import io.rehearsal.command.infrastructure.RecordedOutcome;

import java.util.List;

/** One executed action: its idempotence key, its outcome, and every deployment as it stood after it. */
record JournalEntry(String key, String testId, FailoverStep step, RecordedOutcome outcome,
                    List<SimulatedDeployment> deployments, long nextId) {
}
