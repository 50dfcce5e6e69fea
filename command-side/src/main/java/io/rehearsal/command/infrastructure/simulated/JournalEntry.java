package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.FailoverStep;
import io.rehearsal.command.infrastructure.RecordedOutcome;

import java.util.List;

/**
 * One executed action: its idempotence key, its outcome, every deployment as it stood after it, and the process
 * that executed it ({@code pid@host}; null in lines written before it was recorded).
 */
record JournalEntry(String key, String testId, FailoverStep step, RecordedOutcome outcome,
                    List<SimulatedDeployment> deployments, long nextId, String executedBy) {
}
