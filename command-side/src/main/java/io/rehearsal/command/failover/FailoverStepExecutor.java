package io.rehearsal.command.failover;

import io.rehearsal.api.CompleteFailoverStepCommand;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.FailFailoverStepCommand;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.command.infrastructure.InfrastructureProvider;
import io.rehearsal.command.infrastructure.StepOutcome;
import io.rehearsal.command.infrastructure.StepRequest;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Executes each started step through the infrastructure provider and reports the outcome back to the test.
 * Driven by a tracking token, so a step whose event was not yet acknowledged when the process died is
 * redelivered after restart; the provider's idempotence keeps it from acting twice.
 *
 * <p>It also keeps each attempt to its step's timeout: it waits for the provider no longer than the time the
 * attempt has left, and an attempt whose time ran out (while it ran, or while its event waited, or while the process
 * was down) is recorded as failed for good. That is durable by the same token: the event is handled again after a
 * crash until its outcome, a timeout included, is recorded. So a step costs no timer of its own.
 */
@Component
@ProcessingGroup(FailoverStepExecutor.PROCESSING_GROUP)
class FailoverStepExecutor {

    static final String PROCESSING_GROUP = "failover-steps";

    private static final Logger log = LoggerFactory.getLogger(FailoverStepExecutor.class);

    private final InfrastructureProvider provider;
    private final EventStore eventStore;
    private final CommandGateway commands;
    private final FailoverPolicy policy;
    private final Clock clock;
    /** Where providers run, so that the executor stops waiting at the timeout whatever the provider does. */
    private final ExecutorService providerThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "failover-provider");
        thread.setDaemon(true);
        return thread;
    });

    FailoverStepExecutor(InfrastructureProvider provider, EventStore eventStore, CommandGateway commands,
                         FailoverPolicy policy, Clock clock) {
        this.provider = provider;
        this.eventStore = eventStore;
        this.commands = commands;
        this.policy = policy;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    void on(FailoverStepStartedEvent event) throws InterruptedException {
        StepRequest request = requestFor(event);
        if (request == null) {
            log.info("Skipping {} attempt {} of test {}: the attempt is over", event.step(), event.attempt(),
                    event.testId());
            return;
        }
        StepOutcome outcome;
        if (request.timeout().isNegative() || request.timeout().isZero()) {
            outcome = timedOut(event.step());
        } else {
            log.info("Executing {} attempt {} of test {}", event.step(), event.attempt(), event.testId());
            outcome = execute(request);
        }
        if (outcome instanceof StepOutcome.Succeeded s) {
            commands.sendAndWait(
                    new CompleteFailoverStepCommand(event.testId(), event.step(), event.attempt(), s.facts()));
        } else if (outcome instanceof StepOutcome.Failed f) {
            commands.sendAndWait(new FailFailoverStepCommand(event.testId(), event.step(), event.attempt(),
                    f.reason(), f.retryable()));
        }
    }

    /**
     * The provider's outcome, or a timeout once the attempt's time is up. A provider still running then is left to
     * finish by its own timeout, not interrupted: an interrupt closes any file channel it is using (its journal's,
     * for one) for every thread. Its late outcome is dropped, as the attempt is over. Interrupted while waiting (the
     * processor is stopping), it throws: the event is handled again after the restart.
     */
    private StepOutcome execute(StepRequest request) throws InterruptedException {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Future<StepOutcome> running = providerThreads.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext); // the provider's log lines name the test too
            }
            try {
                return provider.execute(request);
            } finally {
                MDC.clear();
            }
        });
        try {
            return running.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return timedOut(request.step());
        } catch (ExecutionException e) {
            // the provider could not say what happened: report it as transient, a retry may succeed
            log.warn("Provider error on {} of test {}", request.step(), request.testId(), e.getCause());
            return new StepOutcome.Failed("provider error: " + e.getCause().getMessage(), true);
        }
    }

    /** Recorded as the attempt's end; the test then fails, naming the step: a hung step is not retried. */
    private StepOutcome timedOut(FailoverStep step) {
        return new StepOutcome.Failed("timed out after " + policy.of(step).humanTimeout(), false);
    }

    /** No interrupts here either (see {@link #execute}); the threads are daemons and do not hold up the exit. */
    @PreDestroy
    void stopProviders() {
        providerThreads.shutdown();
    }

    /**
     * The test's own stream holds what the step needs: the recorded source, and what earlier steps produced. It
     * also tells whether this attempt is still the current one; null when it is over (ended or superseded), since
     * acting on it now would act for nobody. Its timeout is the time the attempt has left, zero or less once it ran
     * out.
     */
    private StepRequest requestFor(FailoverStepStartedEvent event) {
        FailoverStartedEvent started = null;
        boolean current = false;
        Map<FailoverStep, Map<String, Object>> facts = new EnumMap<>(FailoverStep.class);
        DomainEventStream stream = eventStore.readEvents(event.testId().value());
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof FailoverStartedEvent s) {
                started = s;
            } else if (payload instanceof FailoverStepCompletedEvent c) {
                facts.put(c.step(), c.facts());
                current = false;
            } else if (payload instanceof FailoverStepStartedEvent s) {
                current = s.step() == event.step() && s.attempt() == event.attempt();
            } else if (payload instanceof FailoverStepFailedEvent || payload instanceof FailoverFailedEvent
                    || payload instanceof FailoverCompletedEvent) {
                current = false;
            }
        }
        if (started == null) {
            throw new IllegalStateException("Test " + event.testId() + " has no start event in the store");
        }
        if (!current) {
            return null;
        }
        Duration left = Duration.between(clock.instant(), event.startedAt().plus(policy.of(event.step()).timeout()));
        return new StepRequest(event.testId(), event.environmentId(), event.step(), event.attempt(),
                started.sourceRegion(), started.drRegion(), started.backup(), started.sourceConfiguration(), facts,
                left);
    }
}
