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
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Executes each started step through the infrastructure provider and reports the outcome back to the test.
 * Driven by a tracking token, so a step whose event was not yet acknowledged when the process died is
 * redelivered after restart; the provider's idempotence keeps it from acting twice.
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
    void on(FailoverStepStartedEvent event) {
        StepRequest request = requestFor(event);
        if (request == null) {
            log.info("Skipping {} attempt {} of test {}: the attempt is over", event.step(), event.attempt(),
                    event.testId());
            return;
        }
        log.info("Executing {} attempt {} of test {}", event.step(), event.attempt(), event.testId());
        StepOutcome outcome;
        try {
            outcome = provider.execute(request);
        } catch (RuntimeException e) {
            // the provider could not say what happened: report it as transient, a retry may succeed
            log.warn("Provider error on {} of test {}", event.step(), event.testId(), e);
            outcome = new StepOutcome.Failed("provider error: " + e.getMessage(), true);
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
     * The test's own stream holds what the step needs: the recorded source, and what earlier steps produced. It
     * also tells whether this attempt is still the current one; null when it is over (ended, superseded, or past
     * its timeout while the event waited), since acting on it now would act for nobody.
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
        Duration left = Duration.between(clock.instant(),
                event.startedAt().plus(policy.of(event.step()).timeout()));
        if (!current || left.isNegative() || left.isZero()) {
            return null;
        }
        return new StepRequest(event.testId(), event.environmentId(), event.step(), event.attempt(),
                started.sourceRegion(), started.drRegion(), started.backup(), started.sourceConfiguration(), facts,
                left);
    }
}
