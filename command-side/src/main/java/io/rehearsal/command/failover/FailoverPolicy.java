package io.rehearsal.command.failover;

import io.rehearsal.api.FailoverStep;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The step policies of a failover: defaults, and per-step overrides (e.g. a longer timeout to restore). */
public class FailoverPolicy {

    private final Map<FailoverStep, StepPolicy> policies = new EnumMap<>(FailoverStep.class);

    public FailoverPolicy(StepPolicy defaults, Map<FailoverStep, StepPolicy> overrides) {
        StepPolicy base = defaults == null ? StepPolicy.DEFAULT : defaults.over(StepPolicy.DEFAULT);
        for (FailoverStep step : FailoverStep.values()) {
            StepPolicy override = overrides == null ? null : overrides.get(step);
            StepPolicy policy = override == null ? base : override.over(base);
            validate(step, policy);
            policies.put(step, policy);
        }
    }

    public static FailoverPolicy defaults() {
        return new FailoverPolicy(null, Map.of(FailoverStep.RESTORE_DATABASE,
                new StepPolicy(Duration.ofMinutes(60), null, null, null)));
    }

    public StepPolicy of(FailoverStep step) {
        return policies.get(step);
    }

    private static void validate(FailoverStep step, StepPolicy policy) {
        if (policy.timeout().isNegative() || policy.timeout().isZero()) {
            throw new IllegalArgumentException("the timeout of " + step + " must be positive");
        }
        if (policy.maxAttempts() < 1) {
            throw new IllegalArgumentException("the max attempts of " + step + " must be at least 1");
        }
        if (policy.initialBackoff().isNegative() || policy.backoffMultiplier() < 1) {
            throw new IllegalArgumentException("the backoff of " + step + " must be >= 0 with a multiplier >= 1");
        }
    }
}
