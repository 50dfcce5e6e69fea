package io.rehearsal.command.drtest;

import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.CompleteFailoverCommand;
import io.rehearsal.api.CompleteFailoverStepCommand;
import io.rehearsal.api.ConfigurationParityCheckedEvent;
import io.rehearsal.api.ConfigurationParityCheckedEvent.Item;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.FailFailoverCommand;
import io.rehearsal.api.FailFailoverStepCommand;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverResumedEvent;
import io.rehearsal.api.ResumeFailoverCommand;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.StartFailoverStepCommand;
import io.rehearsal.command.environment.EnvironmentReservations;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.rehearsal.api.FailoverStep.LOCK_SOURCE;
import static io.rehearsal.api.FailoverStep.VERIFY;
import static io.rehearsal.api.FailoverStep.PROVISION_NETWORK;
import static io.rehearsal.api.FailoverStep.RESTORE_DATABASE;
import static io.rehearsal.command.environment.SampleEnvironment.CONFIGURATION;
import static io.rehearsal.command.environment.SampleEnvironment.DR_REGION;
import static io.rehearsal.command.environment.SampleEnvironment.ID;
import static io.rehearsal.command.environment.SampleEnvironment.NAME;
import static io.rehearsal.command.environment.SampleEnvironment.REGION;
import static io.rehearsal.command.environment.SampleEnvironment.TARGETS;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.mock;

class DrTestStepsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Duration RUNNING_FOR = Duration.ofMinutes(7).plusSeconds(12);
    private static final Instant STARTED_AT = NOW.minus(RUNNING_FOR);
    private static final DrTestId TEST = DrTestId.of("8a1f3c52-6a7e-4d0b-9c55-0f2e7b1d4a10");
    private static final Map<String, Object> NETWORK_FACTS = Map.of("vpcId", "vpc-10002", "cidr", "10.121.0.0/16",
            "region", DR_REGION);

    private FixtureConfiguration<DrTest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DrTest.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(mock(EnvironmentReservations.class)); // only a start uses it
    }

    @Test
    void startsTheFirstStep() {
        fixture.given(started())
                .when(new StartFailoverStepCommand(TEST, LOCK_SOURCE, 1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStepStartedEvent(TEST, ID, LOCK_SOURCE, 1, NOW));
    }

    @Test
    void redeliveredStepStartRecordsNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1))
                .when(new StartFailoverStepCommand(TEST, LOCK_SOURCE, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsStartingAStepOutOfOrder() {
        fixture.given(started())
                .when(new StartFailoverStepCommand(TEST, RESTORE_DATABASE, 1))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(containsString("cannot start RESTORE_DATABASE now; next is LOCK_SOURCE"))
                .expectNoEvents();
    }

    @Test
    void rejectsStartingTheNextStepWhileTheCurrentOneRuns() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1))
                .when(new StartFailoverStepCommand(TEST, PROVISION_NETWORK, 1))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(containsString("next is LOCK_SOURCE"))
                .expectNoEvents();
    }

    @Test
    void startsTheStepAfterACompletedOne() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepCompleted(LOCK_SOURCE, 1, Map.of()))
                .when(new StartFailoverStepCommand(TEST, PROVISION_NETWORK, 1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStepStartedEvent(TEST, ID, PROVISION_NETWORK, 1, NOW));
    }

    @Test
    void completingAStepRecordsItsFacts() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepCompleted(LOCK_SOURCE, 1, Map.of()),
                        stepStarted(PROVISION_NETWORK, 1))
                .when(new CompleteFailoverStepCommand(TEST, PROVISION_NETWORK, 1, NETWORK_FACTS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStepCompletedEvent(TEST, PROVISION_NETWORK, 1, NOW, NETWORK_FACTS));
    }

    @ParameterizedTest(name = "a new network {0} is refused beside the source's 10.20.0.0/16")
    @ValueSource(strings = {"10.20.0.0/16", "10.20.128.0/17", "10.0.0.0/8"})
    void aNewNetworkOverlappingTheSourceFailsTheStepForGoodNamingBothBlocks(String cidr) {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepCompleted(LOCK_SOURCE, 1, Map.of()),
                        stepStarted(PROVISION_NETWORK, 1))
                .when(new CompleteFailoverStepCommand(TEST, PROVISION_NETWORK, 1, Map.of("vpcId", "vpc-9", "cidr", cidr)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStepFailedEvent(TEST, PROVISION_NETWORK, 1, NOW, "The new network " + cidr
                        + " overlaps the source's 10.20.0.0/16; the new environment needs a block of its own", false));
    }

    @ParameterizedTest(name = "a reported cidr of \"{0}\" is no network")
    @ValueSource(strings = {"", "10.120.0.0", "999.1.0.0/16", "10.120.0.0/40"})
    void aNetworkWithoutAValidCidrFailsTheStepForGood(String cidr) {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepCompleted(LOCK_SOURCE, 1, Map.of()),
                        stepStarted(PROVISION_NETWORK, 1))
                .when(new CompleteFailoverStepCommand(TEST, PROVISION_NETWORK, 1, Map.of("cidr", cidr)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(matches(FailoverStepFailedEvent.class,
                        e -> !e.retryable() && e.reason().contains("reported no CIDR block") && e.reason().endsWith(cidr)),
                        andNoMore())));
    }

    @Test
    void completingVerifyRecordsTheParityRehearsalComputesFromTheStepsFactsNotTheProvidersClaim() {
        List<Object> history = historyUpTo(VERIFY, Map.of(
                RESTORE_DATABASE, Map.of("engine", "postgres", "engineVersion", "16.4", "instanceClass", "db.t3.micro",
                        "storageGb", 200),
                FailoverStep.PROVISION_FRONT_ENDS, Map.of("frontEndIds", List.of("fe-1", "fe-2"),
                        "instanceType", "m6i.large", "storageGb", 50.0),
                FailoverStep.APPLY_KEPT_CONFIGURATION, Map.of("errorMonitoring", true, "hipaaMode", false,
                        "logSeparation", true, "wafIpRules", List.of("198.51.100.7/32", "203.0.113.0/24"))));
        history.add(stepStarted(VERIFY, 1));
        // the provider claims perfect parity; Rehearsal does not take its word
        Map<String, Object> claim = Map.of("healthy", true, "mismatches", 0, "parity", List.of());
        fixture.given(history)
                .when(new CompleteFailoverStepCommand(TEST, VERIFY, 1, claim))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStepCompletedEvent(TEST, VERIFY, 1, NOW, claim),
                        new ConfigurationParityCheckedEvent(TEST, List.of(
                                new Item("database.engine", "postgres", "postgres", true),
                                new Item("database.engineVersion", "16.4", "16.4", true),
                                new Item("database.instanceClass", "db.r6g.large", "db.t3.micro", false),
                                new Item("database.storageGb", "200", "200", true),
                                new Item("frontEnds.count", "2", "2", true),
                                new Item("frontEnds.instanceType", "m6i.large", "m6i.large", true),
                                new Item("frontEnds.storageGb", "50", "50", true),
                                new Item("kept.errorMonitoring", "true", "true", true),
                                new Item("kept.hipaaMode", "false", "false", true),
                                new Item("kept.logSeparation", "true", "true", true),
                                new Item("kept.wafIpRules", "198.51.100.7/32, 203.0.113.0/24",
                                        "198.51.100.7/32, 203.0.113.0/24", true),
                                new Item("kept.externalConnections", "reporting-db", "not reported", false)), NOW));
    }

    @Test
    void duplicateCompletionRecordsNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepCompleted(LOCK_SOURCE, 1, Map.of()))
                .when(new CompleteFailoverStepCommand(TEST, LOCK_SOURCE, 1, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void redeliveredStartOfACompletedStepRecordsNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepCompleted(LOCK_SOURCE, 1, Map.of()))
                .when(new StartFailoverStepCommand(TEST, LOCK_SOURCE, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void failureOfTheAttemptInFlightIsRecorded() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1))
                .when(new FailFailoverStepCommand(TEST, LOCK_SOURCE, 1, "source API timed out", true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStepFailedEvent(TEST, LOCK_SOURCE, 1, NOW, "source API timed out", true));
    }

    @Test
    void failureOfAnAttemptNotInFlightRecordsNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1))
                .when(new FailFailoverStepCommand(TEST, LOCK_SOURCE, 2, "late report", true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void completionOfAFailedAttemptRecordsNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepFailed(LOCK_SOURCE, 1))
                .when(new CompleteFailoverStepCommand(TEST, LOCK_SOURCE, 1, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void retryWithTheNextAttemptAfterAFailureIsAccepted() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepFailed(LOCK_SOURCE, 1))
                .when(new StartFailoverStepCommand(TEST, LOCK_SOURCE, 2))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStepStartedEvent(TEST, ID, LOCK_SOURCE, 2, NOW));
    }

    @Test
    void redeliveredStartOfTheFailedAttemptRecordsNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepFailed(LOCK_SOURCE, 1))
                .when(new StartFailoverStepCommand(TEST, LOCK_SOURCE, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void retriedAttemptCanComplete() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepFailed(LOCK_SOURCE, 1), stepStarted(LOCK_SOURCE, 2))
                .when(new CompleteFailoverStepCommand(TEST, LOCK_SOURCE, 2, Map.of("region", REGION)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStepCompletedEvent(TEST, LOCK_SOURCE, 2, NOW, Map.of("region", REGION)));
    }

    @Test
    void rejectsCompletingTheTestBeforeEveryStepCompleted() {
        List<Object> history = historyUpTo(FailoverStep.ACTIVATE); // every step but ACTIVATE
        fixture.given(history)
                .when(new CompleteFailoverCommand(TEST))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(containsString("cannot complete before every step did; next is ACTIVATE"))
                .expectNoEvents();
    }

    @Test
    void completingTheTestAfterAllNineStepsRecordsTheAutomatedRto() {
        fixture.given(historyUpTo(null))
                .when(new CompleteFailoverCommand(TEST))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverCompletedEvent(TEST, ID, NOW, RUNNING_FOR));
    }

    @Test
    void failingTheTestRecordsTheStepAndReason() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepFailed(LOCK_SOURCE, 1))
                .when(new FailFailoverCommand(TEST, LOCK_SOURCE, "LOCK_SOURCE failed on attempt 1: no answer"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverFailedEvent(TEST, ID, LOCK_SOURCE, "LOCK_SOURCE failed on attempt 1: no answer",
                        NOW));
    }

    @Test
    void commandsAfterAFailedTestRecordNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepFailed(LOCK_SOURCE, 1), failed())
                .when(new StartFailoverStepCommand(TEST, LOCK_SOURCE, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void failingAnAlreadyFailedTestRecordsNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepFailed(LOCK_SOURCE, 1), failed())
                .when(new FailFailoverCommand(TEST, LOCK_SOURCE, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void completingAFailedTestRecordsNothing() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1), stepFailed(LOCK_SOURCE, 1), failed())
                .when(new CompleteFailoverCommand(TEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void commandsAfterACompletedTestRecordNothing() {
        List<Object> history = historyUpTo(null);
        history.add(new FailoverCompletedEvent(TEST, ID, NOW.minusSeconds(1), RUNNING_FOR.minusSeconds(1)));
        fixture.given(history)
                .when(new FailFailoverCommand(TEST, FailoverStep.ACTIVATE, "too late"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void redeliveredCompletionOfTheTestRecordsNothing() {
        List<Object> history = historyUpTo(null);
        history.add(new FailoverCompletedEvent(TEST, ID, NOW.minusSeconds(1), RUNNING_FOR.minusSeconds(1)));
        fixture.given(history)
                .when(new CompleteFailoverCommand(TEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailedTestResumesFromTheFailedStepWithItsNextAttempt() {
        List<Object> history = historyUpTo(VERIFY);
        history.add(stepStarted(VERIFY, 1));
        history.add(stepFailed(VERIFY, 1));
        history.add(stepStarted(VERIFY, 2));
        history.add(stepFailed(VERIFY, 2));
        history.add(new FailoverFailedEvent(TEST, ID, VERIFY, "VERIFY gave up", STARTED_AT.plusSeconds(3)));
        fixture.given(history)
                .when(new ResumeFailoverCommand(TEST, Actor.of("admin")))
                .expectEvents(new FailoverResumedEvent(TEST, ID, VERIFY, 3, Actor.of("admin"), NOW));
    }

    @Test
    void aResumedTestAcceptsTheNextAttemptOfTheFailedStepOnly() {
        List<Object> history = historyUpTo(VERIFY);
        history.add(stepStarted(VERIFY, 1));
        history.add(stepFailed(VERIFY, 1));
        history.add(new FailoverFailedEvent(TEST, ID, VERIFY, "VERIFY gave up", STARTED_AT.plusSeconds(3)));
        history.add(new FailoverResumedEvent(TEST, ID, VERIFY, 2, Actor.of("admin"), NOW));
        fixture.given(history)
                .when(new StartFailoverStepCommand(TEST, VERIFY, 2))
                .expectEvents(new FailoverStepStartedEvent(TEST, ID, VERIFY, 2, NOW));
    }

    @Test
    void aLateAnswerOfAnAttemptThatTimedOutIsIgnored() {
        List<Object> history = historyUpTo(VERIFY);
        history.add(stepStarted(VERIFY, 1));
        history.add(new FailoverStepFailedEvent(TEST, VERIFY, 1, STARTED_AT.plusSeconds(2), "timed out after 10m",
                false));
        history.add(new FailoverFailedEvent(TEST, ID, VERIFY, "VERIFY timed out", STARTED_AT.plusSeconds(3)));
        fixture.given(history)
                .when(new CompleteFailoverStepCommand(TEST, VERIFY, 1, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyAFailedTestCanBeResumed() {
        fixture.given(started(), stepStarted(LOCK_SOURCE, 1))
                .when(new ResumeFailoverCommand(TEST, Actor.of("admin")))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("only a FAILED test can be resumed"));
        List<Object> completed = historyUpTo(null);
        completed.add(new FailoverCompletedEvent(TEST, ID, NOW.minusSeconds(1), RUNNING_FOR.minusSeconds(1)));
        fixture.given(completed)
                .when(new ResumeFailoverCommand(TEST, Actor.of("admin")))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("is COMPLETED"));
    }

    /** The test's events with every step before {@code stop} started and completed ({@code null}: all nine). */
    private static List<Object> historyUpTo(FailoverStep stop) {
        return historyUpTo(stop, Map.of());
    }

    private static List<Object> historyUpTo(FailoverStep stop, Map<FailoverStep, Map<String, Object>> facts) {
        List<Object> events = new ArrayList<>(List.of(started()));
        for (FailoverStep step : FailoverStep.values()) {
            if (step == stop) {
                break;
            }
            events.add(stepStarted(step, 1));
            events.add(stepCompleted(step, 1, facts.getOrDefault(step, Map.of())));
        }
        return events;
    }

    private static <T> Matcher<T> matches(Class<T> type, Predicate<T> test) {
        return new CustomTypeSafeMatcher<>(type.getSimpleName()) {
            @Override
            protected boolean matchesSafely(T item) {
                return test.test(item);
            }
        };
    }

    private static FailoverStartedEvent started() {
        Set<String> all = Set.of("unavailable", "data-loss", "users-informed", "no-changes", "next-steps");
        BackupRef backup = new BackupRef("bkp-acme-preprod-7", STARTED_AT.minus(Duration.ofMinutes(42)));
        return new FailoverStartedEvent(TEST, ID, NAME, Actor.of("operator"), STARTED_AT, null, all, REGION,
                DR_REGION, backup, Duration.ofMinutes(42), CONFIGURATION, TARGETS);
    }

    private static FailoverStepStartedEvent stepStarted(FailoverStep step, int attempt) {
        return new FailoverStepStartedEvent(TEST, ID, step, attempt, STARTED_AT.plusSeconds(1));
    }

    private static FailoverStepCompletedEvent stepCompleted(FailoverStep step, int attempt, Map<String, Object> facts) {
        return new FailoverStepCompletedEvent(TEST, step, attempt, STARTED_AT.plusSeconds(2), facts);
    }

    private static FailoverStepFailedEvent stepFailed(FailoverStep step, int attempt) {
        return new FailoverStepFailedEvent(TEST, step, attempt, STARTED_AT.plusSeconds(2), "timed out", true);
    }

    private static FailoverFailedEvent failed() {
        return new FailoverFailedEvent(TEST, ID, LOCK_SOURCE, "LOCK_SOURCE failed on attempt 1: timed out",
                STARTED_AT.plusSeconds(3));
    }
}
