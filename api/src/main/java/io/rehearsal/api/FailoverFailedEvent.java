package io.rehearsal.api;

import java.time.Instant;

public record FailoverFailedEvent(DrTestId testId, EnvironmentId environmentId, FailoverStep step, String reason,
                                  Instant failedAt) implements DrTestEvent {
}
