package io.rehearsal.command.failover;

import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.CompleteFailoverStepCommand;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailFailoverStepCommand;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Targets;
import io.rehearsal.command.infrastructure.InfrastructureProvider;
import io.rehearsal.command.infrastructure.StepOutcome;
import io.rehearsal.command.infrastructure.StepRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/** The step executor keeps each attempt to its step's timeout, without a timer of the saga's. */
class FailoverStepExecutorTest {

    private static final DrTestId TEST = DrTestId.of("8a1f3c52-6a7e-4d0b-9c55-0f2e7b1d4a10");
    private static final EnvironmentId ENVIRONMENT = EnvironmentId.of("acme-preprod");
    private static final Instant STARTED_AT = Instant.parse("2026-11-26T10:15:30Z");
    private static final FailoverPolicy POLICY = new FailoverPolicy(
            new StepPolicy(Duration.ofMinutes(10), 3, Duration.ofSeconds(5), 2.0),
            Map.of(FailoverStep.CREATE_DNS, new StepPolicy(Duration.ofMillis(300), null, null, null)));

    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final CommandGateway commands = mock(CommandGateway.class);
    private FailoverStepExecutor executor;

    @AfterEach
    void stop() {
        if (executor != null) {
            executor.stopProviders();
        }
    }

    @Test
    void anAttemptWhoseTimeRanOutBeforeItsEventWasHandledIsRecordedAsTimedOutWithoutRunningTheProvider()
            throws Exception {
        FailoverStepStartedEvent started = recordStart(FailoverStep.RESTORE_DATABASE);
        AtomicInteger executions = new AtomicInteger();
        // handled eleven minutes after it started (the process was down, say): its ten minutes are over
        executor = executor(request -> {
            executions.incrementAndGet();
            return new StepOutcome.Succeeded(Map.of());
        }, Clock.fixed(STARTED_AT.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));

        executor.on(started);

        assertThat(executions).hasValue(0);
        verify(commands).sendAndWait(new FailFailoverStepCommand(TEST, FailoverStep.RESTORE_DATABASE, 1,
                "timed out after 10m", false));
    }

    @Test
    void aProviderThatDoesNotAnswerWithinTheTimeoutIsNoLongerWaitedForAndItsLateOutcomeIsDropped() throws Exception {
        FailoverStepStartedEvent started = recordStart(FailoverStep.CREATE_DNS);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        executor = executor(request -> {
            try {
                release.await(1, TimeUnit.MINUTES); // a provider that ignores its timeout
            } catch (InterruptedException e) {
                throw new AssertionError("the provider was interrupted", e);
            } finally {
                answered.countDown();
            }
            return new StepOutcome.Succeeded(Map.of("late", true));
        }, Clock.fixed(STARTED_AT, ZoneOffset.UTC));

        executor.on(started);

        assertThat(answered.getCount()).as("recorded while the provider still runs").isEqualTo(1);
        verify(commands).sendAndWait(new FailFailoverStepCommand(TEST, FailoverStep.CREATE_DNS, 1,
                "timed out after 0.3s", false));
        release.countDown();
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
        verifyNoMoreInteractions(commands);
    }

    @Test
    void aProviderGetsTheTimeTheAttemptHasLeftAndItsOutcomeIsRecorded() throws Exception {
        FailoverStepStartedEvent started = recordStart(FailoverStep.RESTORE_DATABASE);
        Duration[] given = new Duration[1];
        executor = executor(request -> {
            given[0] = request.timeout();
            return new StepOutcome.Succeeded(Map.of("restored", "bkp-7"));
        }, Clock.fixed(STARTED_AT.plus(Duration.ofMinutes(4)), ZoneOffset.UTC));

        executor.on(started);

        assertThat(given[0]).isEqualTo(Duration.ofMinutes(6));
        verify(commands).sendAndWait(new CompleteFailoverStepCommand(TEST, FailoverStep.RESTORE_DATABASE, 1,
                Map.of("restored", "bkp-7")));
    }

    @Test
    void anAttemptThatIsOverIsNeitherRunNorTimedOut() throws Exception {
        FailoverStepStartedEvent first = recordStart(FailoverStep.RESTORE_DATABASE);
        append(new FailoverStepStartedEvent(TEST, ENVIRONMENT, FailoverStep.RESTORE_DATABASE, 2, STARTED_AT));
        executor = executor(request -> {
            throw new AssertionError("a superseded attempt ran");
        }, Clock.fixed(STARTED_AT.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));

        executor.on(first);

        verifyNoInteractions(commands);
    }

    private FailoverStepExecutor executor(InfrastructureProvider provider, Clock clock) {
        return new FailoverStepExecutor(provider, eventStore, commands, POLICY, clock);
    }

    private FailoverStepStartedEvent recordStart(FailoverStep step) {
        EnvironmentConfiguration source = new EnvironmentConfiguration(
                new DatabaseConfiguration("postgres", "16.4", "db.r6g.large", 200),
                new FrontEndConfiguration(2, "m6i.large", 50), new NetworkConfiguration("10.20.0.0/16"),
                new KeptConfiguration(true, false, true, List.of("203.0.113.0/24"), List.of()));
        append(new FailoverStartedEvent(TEST, ENVIRONMENT, "ACME Pre-Production", Actor.of("operator"), STARTED_AT,
                null, Set.of("unavailable"), "eu-west-1", "eu-central-1",
                new BackupRef("bkp-7", STARTED_AT.minus(Duration.ofMinutes(42))), Duration.ofMinutes(42), source,
                new Targets(Duration.ofHours(4), Duration.ofHours(24), 365)));
        FailoverStepStartedEvent started = new FailoverStepStartedEvent(TEST, ENVIRONMENT, step, 1, STARTED_AT);
        append(started);
        return started;
    }

    private long sequence;

    private void append(Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("DrTest", TEST.value(), sequence++, payload));
    }
}
