package io.rehearsal.command.drtest;

import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.CloseNextStepCommand;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EditReportCommand;
import io.rehearsal.api.EnvironmentFullyRestoredEvent;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.NextStep;
import io.rehearsal.api.NextStepUpdatedEvent;
import io.rehearsal.api.ReportEditedEvent;
import io.rehearsal.api.ReportResult;
import io.rehearsal.command.environment.EnvironmentReservations;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.rehearsal.command.environment.SampleEnvironment.CONFIGURATION;
import static io.rehearsal.command.environment.SampleEnvironment.DR_REGION;
import static io.rehearsal.command.environment.SampleEnvironment.ID;
import static io.rehearsal.command.environment.SampleEnvironment.NAME;
import static io.rehearsal.command.environment.SampleEnvironment.REGION;
import static io.rehearsal.command.environment.SampleEnvironment.TARGETS;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.mock;

/** The evidence a test keeps: its mandatory next steps and the editable attributes of its report. */
class EvidenceRulesTest {

    private static final Instant STARTED_AT = Instant.parse("2026-11-26T09:00:00Z");
    private static final Instant NOW = STARTED_AT.plus(Duration.ofHours(5));
    private static final DrTestId TEST = DrTestId.of("3c2b1a09-8f7e-4d6c-b5a4-938271605f4e");
    private static final Actor OPERATOR = Actor.of("operator");

    private FixtureConfiguration<DrTest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DrTest.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(mock(EnvironmentReservations.class));
    }

    @Test
    void closingANextStepRecordsItsStateNoteActorAndTime() {
        fixture.given(completed())
                .when(new CloseNextStepCommand(TEST, NextStep.RECREATE_VPN, NextStep.State.DONE, "VPN re-created", OPERATOR))
                .expectEvents(new NextStepUpdatedEvent(TEST, NextStep.RECREATE_VPN, NextStep.State.DONE,
                        "VPN re-created", OPERATOR, NOW));
    }

    @Test
    void closingTheLastOpenStepMakesTheEnvironmentFullyRestoredWithTheFullRto() {
        List<Object> history = completed();
        for (NextStep step : NextStep.values()) {
            if (step != NextStep.RECREATE_DATABASE_USERS) {
                history.add(closed(step, NextStep.State.NOT_APPLICABLE));
            }
        }
        fixture.given(history)
                .when(new CloseNextStepCommand(TEST, NextStep.RECREATE_DATABASE_USERS, NextStep.State.DONE, "",
                        OPERATOR))
                .expectEvents(closed(NextStep.RECREATE_DATABASE_USERS, NextStep.State.DONE),
                        new EnvironmentFullyRestoredEvent(TEST, ID, NOW, Duration.ofHours(5)));
    }

    @Test
    void aStepCanBeReopenedAndTheEnvironmentIsFullyRestoredOnceOnly() {
        List<Object> history = allClosed();
        history.add(new EnvironmentFullyRestoredEvent(TEST, ID, NOW.minusSeconds(60), Duration.ofHours(5).minusSeconds(60)));
        history.add(closed(NextStep.RECREATE_VPN, NextStep.State.OPEN));
        fixture.given(history)
                .when(new CloseNextStepCommand(TEST, NextStep.RECREATE_VPN, NextStep.State.DONE, "", OPERATOR))
                .expectEvents(closed(NextStep.RECREATE_VPN, NextStep.State.DONE));
    }

    @Test
    void closingAStepAsItAlreadyIsRecordsNothing() {
        List<Object> history = completed();
        history.add(closed(NextStep.RECREATE_VPN, NextStep.State.DONE));
        fixture.given(history)
                .when(new CloseNextStepCommand(TEST, NextStep.RECREATE_VPN, NextStep.State.DONE, "", OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void nextStepsExistOnlyOnceTheTestHasCompleted() {
        fixture.given(started())
                .when(new CloseNextStepCommand(TEST, NextStep.RECREATE_VPN, NextStep.State.DONE, "", OPERATOR))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("its next steps exist once it has completed"));
    }

    @Test
    void aNoteOverItsLimitIsRefused() {
        fixture.given(completed())
                .when(new CloseNextStepCommand(TEST, NextStep.RECREATE_VPN, NextStep.State.DONE, "n".repeat(2001),
                        OPERATOR))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("at most 2000"));
    }

    @Test
    void aNoteOrAnEditWithTextAReportCannotCarryIsRefusedAndRecordsNothing() {
        fixture.given(completed())
                .when(new CloseNextStepCommand(TEST, NextStep.RECREATE_VPN, NextStep.State.DONE, "ok\uFFFE",
                        OPERATOR))
                .expectNoEvents()
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("The note holds U+FFFE (a non-character) at character 3"));
        fixture.given(completed())
                .when(new EditReportCommand(TEST, null, null, "lost \uD800 half", OPERATOR))
                .expectNoEvents()
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("The observations holds U+D800 (half of a surrogate pair"));
        fixture.given(completed())
                .when(new EditReportCommand(TEST, "bell\u0007", null, null, OPERATOR))
                .expectNoEvents()
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("The reason holds U+0007 (a control character)"));
    }

    @Test
    void anEditRecordsEachChangedAttributeFromWhatToWhat() {
        fixture.given(started())
                .when(new EditReportCommand(TEST, "annual DR test", ReportResult.SUCCESSFUL_WITH_ISSUES,
                        "DNS took long", Actor.of("operator")))
                .expectEvents(new ReportEditedEvent(TEST, List.of(
                        new ReportEditedEvent.Change("reason", "quarterly", "annual DR test"),
                        new ReportEditedEvent.Change("result", "NOT_EVALUATED", "SUCCESSFUL_WITH_ISSUES"),
                        new ReportEditedEvent.Change("observations", "", "DNS took long")), OPERATOR, NOW));
    }

    @Test
    void anEditThatChangesNothingRecordsNothing() {
        fixture.given(started(), new ReportEditedEvent(TEST, List.of(
                        new ReportEditedEvent.Change("result", "NOT_EVALUATED", "SUCCESSFUL")), OPERATOR, NOW))
                .when(new EditReportCommand(TEST, "quarterly", ReportResult.SUCCESSFUL, null, OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReasonOrObservationsOverTheirLimitsAreRefused() {
        fixture.given(started())
                .when(new EditReportCommand(TEST, "r".repeat(501), null, null, OPERATOR))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("at most 500"));
        fixture.given(started())
                .when(new EditReportCommand(TEST, null, null, "o".repeat(10_001), OPERATOR))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("at most 10000"));
    }

    private static FailoverStartedEvent started() {
        return new FailoverStartedEvent(TEST, ID, NAME, OPERATOR, STARTED_AT, "quarterly",
                Set.of("unavailable", "data-loss", "users-informed", "no-changes", "next-steps"), REGION, DR_REGION,
                new BackupRef("bkp-1", STARTED_AT.minus(Duration.ofMinutes(30))), Duration.ofMinutes(30),
                CONFIGURATION, TARGETS);
    }

    private static List<Object> completed() {
        List<Object> events = new ArrayList<>(List.of(started()));
        for (FailoverStep step : FailoverStep.values()) {
            events.add(new FailoverStepStartedEvent(TEST, ID, step, 1, STARTED_AT.plusSeconds(step.ordinal() * 10L)));
            events.add(new FailoverStepCompletedEvent(TEST, step, 1, STARTED_AT.plusSeconds(step.ordinal() * 10L + 5),
                    Map.of()));
        }
        events.add(new FailoverCompletedEvent(TEST, ID, STARTED_AT.plusSeconds(100), Duration.ofSeconds(100)));
        return events;
    }

    private static List<Object> allClosed() {
        List<Object> events = completed();
        for (NextStep step : NextStep.values()) {
            events.add(closed(step, NextStep.State.DONE));
        }
        return events;
    }

    private static NextStepUpdatedEvent closed(NextStep step, NextStep.State state) {
        return new NextStepUpdatedEvent(TEST, step, state, "", OPERATOR, NOW);
    }
}
