package io.rehearsal.command.drtest;

import io.rehearsal.api.CloseNextStepCommand;
import io.rehearsal.api.CompleteFailoverCommand;
import io.rehearsal.api.ConfigurationParityCheckedEvent;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EditReportCommand;
import io.rehearsal.api.EnvironmentFullyRestoredEvent;
import io.rehearsal.api.NextStep;
import io.rehearsal.api.NextStepUpdatedEvent;
import io.rehearsal.api.ReportEditedEvent;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.CompleteFailoverStepCommand;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailFailoverCommand;
import io.rehearsal.api.FailFailoverStepCommand;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverResumedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.ResumeFailoverCommand;
import io.rehearsal.api.StartFailoverCommand;
import io.rehearsal.api.StartFailoverStepCommand;
import io.rehearsal.api.TestStatus;
import io.rehearsal.command.AggregateCaches;
import io.rehearsal.command.environment.EnvironmentReservations;
import io.rehearsal.command.environment.FailoverTerms;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One failover of one environment. It cannot be stopped once started; it only moves forward, one step at a
 * time. Step commands are idempotent: a redelivered command after a crash records nothing twice.
 */
@Aggregate(cache = AggregateCaches.DR_TESTS)
public class DrTest {

    public static final int MAX_REASON_LENGTH = 500;
    public static final int MAX_OBSERVATIONS_LENGTH = 10_000;
    public static final int MAX_NOTE_LENGTH = 2_000;

    @AggregateIdentifier
    private DrTestId id;
    private EnvironmentId environmentId;
    private TestStatus status;
    private Instant startedAt;
    private final Set<FailoverStep> completedSteps = EnumSet.noneOf(FailoverStep.class);
    private FailoverStep stepInFlight;
    private int attemptInFlight;
    private int lastAttempt;
    private FailoverStep failedStep;
    private final Map<NextStep, NextStep.State> nextSteps = new EnumMap<>(NextStep.class);
    private final Map<NextStep, String> nextStepNotes = new EnumMap<>(NextStep.class);
    private boolean fullyRestored;
    private String reason;
    private ReportResult result;
    private String observations;
    /** The source as the test recorded it at its start: what the new environment is checked against. */
    private EnvironmentConfiguration sourceConfiguration;
    private final Map<FailoverStep, Map<String, Object>> facts = new EnumMap<>(FailoverStep.class);

    @CommandHandler
    public DrTest(StartFailoverCommand cmd, EnvironmentReservations reservations, Clock clock) {
        Objects.requireNonNull(cmd.startedBy(), "the actor who starts a test");
        if (cmd.reason() != null && cmd.reason().length() > MAX_REASON_LENGTH) {
            throw FailoverRejectedException.invalid("The reason has " + cmd.reason().length()
                    + " characters; at most " + MAX_REASON_LENGTH + " are allowed.");
        }
        TextRule.require("The reason", cmd.reason());
        FailoverTerms terms = reservations.reserve(cmd.environmentId(), cmd.testId(),
                cmd.acknowledgedPreconditions(), cmd.confirmationName());
        Instant now = clock.instant();
        Duration dataLossWindow = Duration.between(terms.backup().takenAt(), now);
        apply(new FailoverStartedEvent(cmd.testId(), cmd.environmentId(), terms.displayName(), cmd.startedBy(), now,
                cmd.reason(), cmd.acknowledgedPreconditions(), terms.sourceRegion(), terms.drRegion(), terms.backup(),
                dataLossWindow.isNegative() ? Duration.ZERO : dataLossWindow, terms.configuration(), terms.targets()));
    }

    @CommandHandler
    void handle(StartFailoverStepCommand cmd, Clock clock) {
        if (status != TestStatus.RUNNING || completedSteps.contains(cmd.step())
                || (cmd.step() == stepInFlight && cmd.attempt() <= lastAttempt)) {
            return; // redelivered, or the test has ended: nothing new to record
        }
        FailoverStep expected = nextStep();
        if (cmd.step() != expected) {
            throw new IllegalStateException("Test " + id + " cannot start " + cmd.step() + " now; next is " + expected);
        }
        apply(new FailoverStepStartedEvent(id, environmentId, cmd.step(), cmd.attempt(), clock.instant()));
    }

    @CommandHandler
    void handle(CompleteFailoverStepCommand cmd, Clock clock) {
        if (!inFlight(cmd.step(), cmd.attempt())) {
            return;
        }
        Instant now = clock.instant();
        String refusal = cmd.step() == FailoverStep.PROVISION_NETWORK ? NewNetwork.refusal(sourceCidr(), cmd.facts())
                : null;
        if (refusal != null) {
            // a network that cannot stand beside the source is no network to fail over to: retrying changes nothing
            apply(new FailoverStepFailedEvent(id, cmd.step(), cmd.attempt(), now, refusal, false));
            return;
        }
        apply(new FailoverStepCompletedEvent(id, cmd.step(), cmd.attempt(), now, cmd.facts()));
        if (cmd.step() == FailoverStep.VERIFY && sourceConfiguration != null) {
            apply(new ConfigurationParityCheckedEvent(id, ConfigurationParity.compare(sourceConfiguration, facts), now));
        }
    }

    private String sourceCidr() {
        return sourceConfiguration == null || sourceConfiguration.network() == null ? null
                : sourceConfiguration.network().vpcCidr();
    }

    @CommandHandler
    void handle(FailFailoverStepCommand cmd, Clock clock) {
        if (!inFlight(cmd.step(), cmd.attempt())) {
            return;
        }
        apply(new FailoverStepFailedEvent(id, cmd.step(), cmd.attempt(), clock.instant(), cmd.reason(),
                cmd.retryable()));
    }

    @CommandHandler
    void handle(CompleteFailoverCommand cmd, Clock clock) {
        if (status != TestStatus.RUNNING) {
            return;
        }
        if (completedSteps.size() != FailoverStep.values().length) {
            throw new IllegalStateException("Test " + id + " cannot complete before every step did; next is "
                    + nextStep());
        }
        Instant now = clock.instant();
        apply(new FailoverCompletedEvent(id, environmentId, now, Duration.between(startedAt, now)));
    }

    @CommandHandler
    void handle(FailFailoverCommand cmd, Clock clock) {
        if (status != TestStatus.RUNNING) {
            return;
        }
        apply(new FailoverFailedEvent(id, environmentId, cmd.step(), cmd.reason(), clock.instant()));
    }

    @CommandHandler
    void handle(ResumeFailoverCommand cmd, Clock clock) {
        Objects.requireNonNull(cmd.resumedBy(), "the actor who resumes a test");
        if (status != TestStatus.FAILED) {
            throw FailoverRejectedException.conflict("Test " + id + " is " + status
                    + "; only a FAILED test can be resumed.");
        }
        int attempt = failedStep == stepInFlight ? lastAttempt + 1 : 1;
        apply(new FailoverResumedEvent(id, environmentId, failedStep, attempt, cmd.resumedBy(), clock.instant()));
    }

    @CommandHandler
    void handle(CloseNextStepCommand cmd, Clock clock) {
        Objects.requireNonNull(cmd.actor(), "the actor who updates a next step");
        if (cmd.step() == null || cmd.state() == null) {
            throw FailoverRejectedException.invalid("A next step and its state (DONE, NOT_APPLICABLE or OPEN) are required.");
        }
        if (status != TestStatus.COMPLETED) {
            throw FailoverRejectedException.conflict("Test " + id + " is " + status
                    + "; its next steps exist once it has completed.");
        }
        String note = cmd.note() == null ? "" : cmd.note();
        if (note.length() > MAX_NOTE_LENGTH) {
            throw FailoverRejectedException.invalid("The note has " + note.length() + " characters; at most "
                    + MAX_NOTE_LENGTH + " are allowed.");
        }
        TextRule.require("The note", note);
        if (nextSteps.get(cmd.step()) == cmd.state() && note.equals(nextStepNotes.get(cmd.step()))) {
            return; // nothing changes
        }
        Instant now = clock.instant();
        apply(new NextStepUpdatedEvent(id, cmd.step(), cmd.state(), note, cmd.actor(), now));
        if (!fullyRestored && nextSteps.values().stream().noneMatch(state -> state == NextStep.State.OPEN)) {
            // the environment is fully restored the first time every step is closed, and only then
            apply(new EnvironmentFullyRestoredEvent(id, environmentId, now, Duration.between(startedAt, now)));
        }
    }

    @CommandHandler
    void handle(EditReportCommand cmd, Clock clock) {
        Objects.requireNonNull(cmd.editedBy(), "the actor who edits a report");
        if (cmd.reason() != null && cmd.reason().length() > MAX_REASON_LENGTH) {
            throw FailoverRejectedException.invalid("The reason has " + cmd.reason().length()
                    + " characters; at most " + MAX_REASON_LENGTH + " are allowed.");
        }
        if (cmd.observations() != null && cmd.observations().length() > MAX_OBSERVATIONS_LENGTH) {
            throw FailoverRejectedException.invalid("The observations have " + cmd.observations().length()
                    + " characters; at most " + MAX_OBSERVATIONS_LENGTH + " are allowed.");
        }
        TextRule.require("The reason", cmd.reason());
        TextRule.require("The observations", cmd.observations());
        List<ReportEditedEvent.Change> changes = new ArrayList<>();
        change(changes, "reason", reason, cmd.reason());
        change(changes, "result", result.name(), cmd.result() == null ? null : cmd.result().name());
        change(changes, "observations", observations, cmd.observations());
        if (changes.isEmpty()) {
            return; // an edit that changes nothing records nothing
        }
        apply(new ReportEditedEvent(id, changes, cmd.editedBy(), clock.instant()));
    }

    private static void change(List<ReportEditedEvent.Change> changes, String attribute, String from, String to) {
        String current = from == null ? "" : from;
        if (to != null && !to.equals(current)) {
            changes.add(new ReportEditedEvent.Change(attribute, current, to));
        }
    }

    private boolean inFlight(FailoverStep step, int attempt) {
        return status == TestStatus.RUNNING && step == stepInFlight && attempt == attemptInFlight;
    }

    private FailoverStep nextStep() {
        for (FailoverStep step : FailoverStep.values()) {
            if (!completedSteps.contains(step)) {
                return step;
            }
        }
        return null;
    }

    @EventSourcingHandler
    void on(FailoverStartedEvent event) {
        id = event.testId();
        environmentId = event.environmentId();
        startedAt = event.startedAt();
        status = TestStatus.RUNNING;
        reason = event.reason() == null ? "" : event.reason();
        result = ReportResult.NOT_EVALUATED;
        observations = "";
        sourceConfiguration = event.sourceConfiguration();
    }

    @EventSourcingHandler
    void on(NextStepUpdatedEvent event) {
        nextSteps.put(event.step(), event.state());
        nextStepNotes.put(event.step(), event.note());
    }

    @EventSourcingHandler
    void on(EnvironmentFullyRestoredEvent event) {
        fullyRestored = true;
    }

    @EventSourcingHandler
    void on(ReportEditedEvent event) {
        for (ReportEditedEvent.Change change : event.changes()) {
            switch (change.attribute()) {
                case "reason" -> reason = change.to();
                case "result" -> result = ReportResult.valueOf(change.to());
                case "observations" -> observations = change.to();
                default -> throw new IllegalStateException("unknown report attribute " + change.attribute());
            }
        }
    }

    @EventSourcingHandler
    void on(FailoverStepStartedEvent event) {
        stepInFlight = event.step();
        attemptInFlight = event.attempt();
        lastAttempt = event.attempt();
    }

    @EventSourcingHandler
    void on(FailoverStepCompletedEvent event) {
        completedSteps.add(event.step());
        facts.put(event.step(), event.facts() == null ? Map.of() : event.facts());
        stepInFlight = null;
        attemptInFlight = 0;
        lastAttempt = 0;
    }

    @EventSourcingHandler
    void on(FailoverStepFailedEvent event) {
        attemptInFlight = 0; // the step stays current: a retry starts a later attempt of it
    }

    @EventSourcingHandler
    void on(FailoverCompletedEvent event) {
        status = TestStatus.COMPLETED;
        for (NextStep step : NextStep.values()) {
            nextSteps.put(step, NextStep.State.OPEN);
            nextStepNotes.put(step, "");
        }
    }

    @EventSourcingHandler
    void on(FailoverFailedEvent event) {
        status = TestStatus.FAILED;
        failedStep = event.step();
        attemptInFlight = 0; // an attempt still running when the test failed (a timeout) can no longer report
    }

    @EventSourcingHandler
    void on(FailoverResumedEvent event) {
        status = TestStatus.RUNNING;
        failedStep = null;
        stepInFlight = event.step();
        lastAttempt = event.attempt() - 1;
    }

    protected DrTest() {
        // for Axon
    }
}
