package io.rehearsal.command.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.CompleteFailoverCommand;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.FailFailoverCommand;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailFailoverStepCommand;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.FailoverResumedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.RelocateEnvironmentCommand;
import io.rehearsal.api.StartFailoverStepCommand;
import io.rehearsal.api.Targets;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class FailoverSagaTest {

    private static final DrTestId TEST = DrTestId.of("8a1f3c52-6a7e-4d0b-9c55-0f2e7b1d4a10");
    private static final DrTestId OTHER_TEST = DrTestId.of("1c9e0b7d-2f44-4e6a-8d3b-5a7c9e1f2b30");
    private static final EnvironmentId ENVIRONMENT = EnvironmentId.of("acme-preprod");
    private static final Instant STARTED_AT = Instant.parse("2026-11-26T10:15:30Z");
    private static final String NEW_CIDR = "10.121.0.0/16";
    private static final NetworkConfiguration SOURCE_NETWORK = new NetworkConfiguration("10.20.0.0/16");

    static final FailoverPolicy POLICY = new FailoverPolicy(
            new StepPolicy(Duration.ofMinutes(10), 3, Duration.ofSeconds(5), 2.0),
            Map.of(FailoverStep.RESTORE_DATABASE, new StepPolicy(Duration.ofMinutes(60), 4, null, null)));

    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(FailoverSaga.class);
        fixture.registerResource(POLICY);
    }

    @Test
    void startedTestStartsTheFirstStep() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(started(TEST))
                .expectActiveSagas(1)
                .expectAssociationWith(FailoverSaga.TEST_ID, TEST)
                .expectDispatchedCommands(new StartFailoverStepCommand(TEST, FailoverStep.LOCK_SOURCE, 1));
    }

    @ParameterizedTest(name = "{0} completed starts {1}")
    @CsvSource({
            "LOCK_SOURCE, PROVISION_NETWORK",
            "PROVISION_NETWORK, RESTORE_DATABASE",
            "RESTORE_DATABASE, PROVISION_FRONT_ENDS",
            "PROVISION_FRONT_ENDS, CREATE_DNS",
            "CREATE_DNS, INSTALL_DEFAULT_CERTIFICATE",
            "INSTALL_DEFAULT_CERTIFICATE, APPLY_KEPT_CONFIGURATION",
            "APPLY_KEPT_CONFIGURATION, VERIFY",
            "VERIFY, ACTIVATE"})
    void completedStepStartsTheNextInOrder(FailoverStep completed, FailoverStep next) {
        fixture.givenAPublished(started(TEST))
                .whenPublishingA(stepCompleted(TEST, completed, Map.of()))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new StartFailoverStepCommand(TEST, next, 1));
    }

    @Test
    void completedActivationCompletesTheTest() {
        fixture.givenAPublished(started(TEST))
                .whenPublishingA(stepCompleted(TEST, FailoverStep.ACTIVATE, Map.of("activeRegion", "eu-central-1")))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new CompleteFailoverCommand(TEST));
    }

    @Test
    void completedTestRelocatesTheEnvironmentWithTheProvisionedNetwork() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepCompleted(TEST, FailoverStep.LOCK_SOURCE, Map.of()))
                .andThenAPublished(stepCompleted(TEST, FailoverStep.PROVISION_NETWORK, networkFacts()))
                .andThenAPublished(stepCompleted(TEST, FailoverStep.RESTORE_DATABASE, Map.of("databaseId", "db-1")))
                .whenPublishingA(new FailoverCompletedEvent(TEST, ENVIRONMENT, STARTED_AT.plusSeconds(60),
                        Duration.ofSeconds(60)))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new RelocateEnvironmentCommand(ENVIRONMENT, TEST, new NetworkConfiguration(NEW_CIDR)));
    }

    @Test
    void failedStepFailsTheTestNamingTheStepAndReason() {
        fixture.givenAPublished(started(TEST))
                .whenPublishingA(new FailoverStepFailedEvent(TEST, FailoverStep.RESTORE_DATABASE, 1,
                        STARTED_AT.plusSeconds(20), "backup bkp-7 not found", false))
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        messageWithPayload(failure(FailoverStep.RESTORE_DATABASE, "backup bkp-7 not found")),
                        andNoMore()));
    }

    @Test
    void aNewNetworkRefusedForOverlappingTheSourceFailsTheTestAtOnceNamingBothBlocks() {
        String refusal = "The new network 10.20.0.0/16 overlaps the source's 10.20.0.0/16; the new environment needs a "
                + "block of its own";
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepCompleted(TEST, FailoverStep.LOCK_SOURCE, Map.of()))
                .whenPublishingA(new FailoverStepFailedEvent(TEST, FailoverStep.PROVISION_NETWORK, 1,
                        STARTED_AT.plusSeconds(9), refusal, false))
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        messageWithPayload(failure(FailoverStep.PROVISION_NETWORK, "failed for good on attempt 1: "
                                + refusal)),
                        andNoMore()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRefusedNextStepIsTriedAgainAfterABackoffRatherThanFailingTheEvent() {
        refuse(FailoverStep.PROVISION_NETWORK);
        fixture.givenAPublished(started(TEST))
                .whenPublishingA(stepCompleted(TEST, FailoverStep.LOCK_SOURCE, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(new StartFailoverStepCommand(TEST, FailoverStep.PROVISION_NETWORK, 1))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(5), FailoverSaga.COMMAND_RETRY);
    }

    @Test
    void aNextStepRefusedAsOftenAsTheStepMayBeTriedFailsTheTestWithTheRefusal() {
        refuse(FailoverStep.PROVISION_NETWORK);
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepCompleted(TEST, FailoverStep.LOCK_SOURCE, Map.of()))
                .whenTimeElapses(Duration.ofMinutes(1))
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        messageWithPayload(org.hamcrest.Matchers.equalTo(
                                new StartFailoverStepCommand(TEST, FailoverStep.PROVISION_NETWORK, 1))),
                        messageWithPayload(org.hamcrest.Matchers.equalTo(
                                new StartFailoverStepCommand(TEST, FailoverStep.PROVISION_NETWORK, 1))),
                        messageWithPayload(failure(FailoverStep.PROVISION_NETWORK,
                                "StartFailoverStep was refused 3 times; the last refusal: Test " + TEST
                                        + " cannot start PROVISION_NETWORK now")),
                        andNoMore()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aTestFailedBecauseItsCompletionWasRefusedIsCompletedWhenResumed() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepCompleted(TEST, FailoverStep.ACTIVATE, Map.of()))
                .andThenAPublished(failed(FailoverStep.ACTIVATE))
                .whenPublishingA(new FailoverResumedEvent(TEST, ENVIRONMENT, FailoverStep.ACTIVATE, 1, Actor.of("admin"),
                        STARTED_AT.plusSeconds(90)))
                .expectDispatchedCommands(new CompleteFailoverCommand(TEST));
    }

    /** The test refuses every start of {@code step}, as an aggregate would that disagrees with the saga. */
    private void refuse(FailoverStep step) {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof StartFailoverStepCommand start && start.step() == step) {
                throw new IllegalStateException("Test " + TEST + " cannot start " + step + " now");
            }
            return null;
        });
    }

    @Test
    void endsWhenTheEnvironmentIsRelocated() {
        fixture.givenAPublished(started(TEST))
                .whenPublishingA(new EnvironmentRelocatedEvent(ENVIRONMENT, TEST, "eu-central-1", "eu-west-1",
                        new NetworkConfiguration(NEW_CIDR), STARTED_AT.plusSeconds(61)))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aFailedTestKeepsItsSagaSoAnAdminCanResumeIt() {
        fixture.givenAPublished(started(TEST))
                .whenPublishingA(failed(FailoverStep.RESTORE_DATABASE))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aStartedAttemptCostsTheSagaNoTimerTheStepExecutorKeepsItsTimeout() {
        fixture.givenAPublished(started(TEST))
                .whenPublishingA(stepStarted(FailoverStep.RESTORE_DATABASE, 1))
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aCompletedStepStartsTheNextOne() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.LOCK_SOURCE, 1))
                .whenPublishingA(stepCompleted(TEST, FailoverStep.LOCK_SOURCE, Map.of()))
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(new StartFailoverStepCommand(TEST, FailoverStep.PROVISION_NETWORK, 1));
    }

    @Test
    void aTransientFailureIsRetriedAfterTheInitialBackoff() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.VERIFY, 1))
                .whenPublishingA(stepFailed(FailoverStep.VERIFY, 1, true))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(5), FailoverSaga.STEP_RETRY)
                .expectNoDispatchedCommands();
    }

    @Test
    void eachRetryWaitsTwiceAsLongAsTheOneBefore() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.RESTORE_DATABASE, 1))
                .andThenAPublished(stepFailed(FailoverStep.RESTORE_DATABASE, 1, true))
                .andThenAPublished(stepStarted(FailoverStep.RESTORE_DATABASE, 2))
                .andThenAPublished(stepFailed(FailoverStep.RESTORE_DATABASE, 2, true))
                .andThenAPublished(stepStarted(FailoverStep.RESTORE_DATABASE, 3))
                .whenPublishingA(stepFailed(FailoverStep.RESTORE_DATABASE, 3, true))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(20), FailoverSaga.STEP_RETRY);
    }

    @Test
    void whenTheBackoffHasElapsedTheNextAttemptStarts() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.VERIFY, 1))
                .andThenAPublished(stepFailed(FailoverStep.VERIFY, 1, true))
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectDeadlinesMet(new FailoverSaga.StepAttempt(FailoverStep.VERIFY, 2))
                .expectDispatchedCommands(new StartFailoverStepCommand(TEST, FailoverStep.VERIFY, 2));
    }

    @Test
    void aStepThatExhaustsItsAttemptsFailsTheTest() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.VERIFY, 3))
                .whenPublishingA(stepFailed(FailoverStep.VERIFY, 3, true))
                .expectNoScheduledDeadlines()
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        messageWithPayload(failure(FailoverStep.VERIFY, "gave up after 3 of 3 attempts")),
                        andNoMore()));
    }

    @Test
    void aStepWithMoreAttemptsConfiguredIsRetriedLonger() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.RESTORE_DATABASE, 3))
                .whenPublishingA(stepFailed(FailoverStep.RESTORE_DATABASE, 3, true))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(20), FailoverSaga.STEP_RETRY)
                .expectNoDispatchedCommands();
    }


    @Test
    void aFailedTestCancelsItsPendingRetry() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.VERIFY, 1))
                .andThenAPublished(stepFailed(FailoverStep.VERIFY, 1, true))
                .whenPublishingA(failed(FailoverStep.VERIFY))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aResumedTestContinuesFromTheFailedStepWithTheNextAttempt() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.VERIFY, 3))
                .andThenAPublished(stepFailed(FailoverStep.VERIFY, 3, true))
                .andThenAPublished(failed(FailoverStep.VERIFY))
                .whenPublishingA(new FailoverResumedEvent(TEST, ENVIRONMENT, FailoverStep.VERIFY, 4,
                        Actor.of("admin"), STARTED_AT.plusSeconds(600)))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new StartFailoverStepCommand(TEST, FailoverStep.VERIFY, 4));
    }

    @Test
    void aResumedStepHasItsAttemptsAgain() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.VERIFY, 3))
                .andThenAPublished(stepFailed(FailoverStep.VERIFY, 3, true))
                .andThenAPublished(failed(FailoverStep.VERIFY))
                .andThenAPublished(new FailoverResumedEvent(TEST, ENVIRONMENT, FailoverStep.VERIFY, 4,
                        Actor.of("admin"), STARTED_AT.plusSeconds(600)))
                .andThenAPublished(stepStarted(FailoverStep.VERIFY, 4))
                .whenPublishingA(stepFailed(FailoverStep.VERIFY, 4, true))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(5), FailoverSaga.STEP_RETRY)
                .expectNoDispatchedCommands();
    }

    @Test
    void whatATimerSendsIsSentOnBehalfOfWhoeverSetTheTestGoing() {
        fixture.givenAPublished(started(TEST))
                .andThenAPublished(stepStarted(FailoverStep.VERIFY, 1))
                .andThenAPublished(stepFailed(FailoverStep.VERIFY, 1, true))
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        org.hamcrest.Matchers.<CommandMessage<?>>hasProperty("metaData",
                                org.hamcrest.Matchers.hasEntry("actor", (Object) "operator")),
                        andNoMore()));
    }

    private static FailoverStepStartedEvent stepStarted(FailoverStep step, int attempt) {
        return new FailoverStepStartedEvent(TEST, ENVIRONMENT, step, attempt, STARTED_AT.plusSeconds(step.ordinal()));
    }

    private static FailoverStepFailedEvent stepFailed(FailoverStep step, int attempt, boolean retryable) {
        return new FailoverStepFailedEvent(TEST, step, attempt, STARTED_AT.plusSeconds(30), "connection reset",
                retryable);
    }

    private static FailoverFailedEvent failed(FailoverStep step) {
        return new FailoverFailedEvent(TEST, ENVIRONMENT, step, step + " failed", STARTED_AT.plusSeconds(40));
    }

    @Test
    void ignoresAnotherTestsEvents() {
        fixture.givenAPublished(started(TEST))
                .whenPublishingA(stepCompleted(OTHER_TEST, FailoverStep.LOCK_SOURCE, Map.of()))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void sagaStateSurvivesJacksonSerialization() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules())
                .build();
        FailoverSaga saga = new FailoverSaga();
        CommandGateway before = mock(CommandGateway.class);
        saga.on(started(TEST), before, mock(DeadlineManager.class), POLICY);
        saga.on(stepCompleted(TEST, FailoverStep.PROVISION_NETWORK, networkFacts()), before,
                mock(DeadlineManager.class), POLICY);

        SerializedObject<byte[]> stored = serializer.serialize(saga, byte[].class);
        FailoverSaga restored = serializer.deserialize(stored);
        CommandGateway after = mock(CommandGateway.class);
        restored.on(new FailoverCompletedEvent(TEST, ENVIRONMENT, STARTED_AT.plusSeconds(60), Duration.ofSeconds(60)),
                after, mock(DeadlineManager.class), POLICY);

        verify(after).sendAndWait(new RelocateEnvironmentCommand(ENVIRONMENT, TEST, new NetworkConfiguration(NEW_CIDR)));
    }

    private static Matcher<FailFailoverCommand> failure(FailoverStep step, String reason) {
        return new CustomTypeSafeMatcher<>("FailFailoverCommand of " + step + " with reason containing " + reason) {
            @Override
            protected boolean matchesSafely(FailFailoverCommand cmd) {
                return cmd.testId().equals(TEST) && cmd.step() == step && cmd.reason().contains(step.name())
                        && cmd.reason().contains(reason);
            }
        };
    }

    private static Map<String, Object> networkFacts() {
        return Map.of("vpcId", "vpc-10002", "cidr", NEW_CIDR, "region", "eu-central-1");
    }

    private static FailoverStepCompletedEvent stepCompleted(DrTestId testId, FailoverStep step, Map<String, Object> facts) {
        return new FailoverStepCompletedEvent(testId, step, 1, STARTED_AT.plusSeconds(step.ordinal() + 1), facts);
    }

    private static FailoverStartedEvent started(DrTestId testId) {
        EnvironmentConfiguration source = new EnvironmentConfiguration(
                new DatabaseConfiguration("postgres", "16.4", "db.r6g.large", 200),
                new FrontEndConfiguration(2, "m6i.large", 50), SOURCE_NETWORK,
                new KeptConfiguration(true, false, true, List.of("203.0.113.0/24"), List.of()));
        return new FailoverStartedEvent(testId, ENVIRONMENT, "ACME Pre-Production", Actor.of("operator"), STARTED_AT,
                null, Set.of("unavailable", "data-loss", "users-informed", "no-changes", "next-steps"), "eu-west-1",
                "eu-central-1", new BackupRef("bkp-7", STARTED_AT.minus(Duration.ofMinutes(42))),
                Duration.ofMinutes(42), source, new Targets(Duration.ofHours(4), Duration.ofHours(24), 365));
    }
}
