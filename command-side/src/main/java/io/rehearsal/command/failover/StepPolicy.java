package io.rehearsal.command.failover;

import java.time.Duration;

/**
 * How one failover step is given time and second chances: each attempt may take {@code timeout}; a transient
 * failure is retried after {@code initialBackoff}, then each wait {@code backoffMultiplier} times longer, up to
 * {@code maxAttempts} attempts in all. A null field inherits the default.
 */
public record StepPolicy(Duration timeout, Integer maxAttempts, Duration initialBackoff, Double backoffMultiplier) {

    public static final StepPolicy DEFAULT = new StepPolicy(Duration.ofMinutes(10), 3, Duration.ofSeconds(5), 2.0);

    /** This policy with its gaps filled from {@code defaults}. */
    public StepPolicy over(StepPolicy defaults) {
        return new StepPolicy(timeout != null ? timeout : defaults.timeout,
                maxAttempts != null ? maxAttempts : defaults.maxAttempts,
                initialBackoff != null ? initialBackoff : defaults.initialBackoff,
                backoffMultiplier != null ? backoffMultiplier : defaults.backoffMultiplier);
    }

    /** The timeout as a person reads it: {@code 10m}, {@code 2s}. */
    public String humanTimeout() {
        return timeout.toString().substring(2).toLowerCase();
    }

    /** The wait before {@code attempt} (2 or more): exponential in the number of failures so far. */
    public Duration backoffBefore(int attempt) {
        double factor = Math.pow(backoffMultiplier, Math.max(0, attempt - 2));
        return Duration.ofMillis(Math.round(initialBackoff.toMillis() * factor));
    }
}
