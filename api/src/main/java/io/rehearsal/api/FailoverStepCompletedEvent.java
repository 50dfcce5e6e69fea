package io.rehearsal.api;

import java.time.Instant;
import java.util.Map;

public record FailoverStepCompletedEvent(DrTestId testId, FailoverStep step, int attempt, Instant completedAt,
                                         Map<String, Object> facts) implements DrTestEvent {
}
