package io.rehearsal.api;

import java.time.Instant;

public record FailoverStepFailedEvent(DrTestId testId, FailoverStep step, int attempt, Instant failedAt,
                                      String reason, boolean retryable) implements DrTestEvent {
}
