package io.rehearsal.command.infrastructure;

import java.util.Map;

/** What a step attempt came to: done with its facts, or failed, transiently or for good. */
public sealed interface StepOutcome {

    record Succeeded(Map<String, Object> facts) implements StepOutcome {
        public Succeeded {
            facts = facts == null ? Map.of() : Map.copyOf(facts);
        }
    }

    record Failed(String reason, boolean retryable) implements StepOutcome {
    }
}
