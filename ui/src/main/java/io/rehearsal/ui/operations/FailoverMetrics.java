package io.rehearsal.ui.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.FailoverStepStartedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failover metrics for Prometheus: tests started, completed and failed; each step attempt's duration by step
 * and outcome; the attempts a step needed. Fed by a subscribing processor, so each instance counts what it
 * records itself, from its start.
 */
@Component
@ProcessingGroup(FailoverMetrics.PROCESSING_GROUP)
class FailoverMetrics {

    static final String PROCESSING_GROUP = "failover-metrics";

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter completed;
    private final Counter failed;
    /** When each running attempt started, by test and step; an entry lives only while its attempt runs. */
    private final Map<String, Instant> running = new ConcurrentHashMap<>();

    FailoverMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("rehearsal.tests.started").description("DR tests started").register(registry);
        this.completed = Counter.builder("rehearsal.tests.completed").description("DR tests completed")
                .register(registry);
        this.failed = Counter.builder("rehearsal.tests.failed").description("DR tests failed").register(registry);
    }

    @EventHandler
    void on(FailoverStartedEvent event) {
        started.increment();
    }

    @EventHandler
    void on(FailoverCompletedEvent event) {
        completed.increment();
    }

    @EventHandler
    void on(FailoverFailedEvent event) {
        failed.increment();
    }

    @EventHandler
    void on(FailoverStepStartedEvent event) {
        running.put(event.testId() + "/" + event.step(), event.startedAt());
    }

    @EventHandler
    void on(FailoverStepCompletedEvent event) {
        attemptEnded(event.testId() + "/" + event.step(), event.step(), event.completedAt(), "completed");
        DistributionSummary.builder("rehearsal.step.attempts").description("attempts a step needed to complete")
                .tag("step", event.step().name()).register(registry).record(event.attempt());
    }

    @EventHandler
    void on(FailoverStepFailedEvent event) {
        attemptEnded(event.testId() + "/" + event.step(), event.step(), event.failedAt(),
                event.retryable() ? "failed-transiently" : "failed");
    }

    private void attemptEnded(String key, FailoverStep step, Instant endedAt, String outcome) {
        Instant startedAt = running.remove(key);
        if (startedAt != null) {
            Timer.builder("rehearsal.step.duration").description("duration of a step attempt")
                    .tag("step", step.name()).tag("outcome", outcome).register(registry)
                    .record(Duration.between(startedAt, endedAt));
        }
    }
}
