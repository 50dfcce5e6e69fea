package io.rehearsal.command.infrastructure;

/**
 * The port through which failover steps touch infrastructure. Implementations must be idempotent on
 * (test, step, attempt): asked again for an attempt they already executed, they return its outcome
 * without acting again, because a crash can redeliver the event that asked for it.
 */
public interface InfrastructureProvider {

    StepOutcome execute(StepRequest request);
}
