package io.rehearsal.api;

import java.time.Instant;
import java.util.Map;

public record StepView(FailoverStep step, StepStatus status, int attempt, Instant startedAt, Instant endedAt,
                       String failureReason, Map<String, Object> facts) {
}
