package io.rehearsal.command.failover;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rehearsal.api.Actor;
import io.rehearsal.api.CompleteFailoverCommand;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.FailFailoverCommand;
import io.rehearsal.api.FailFailoverStepCommand;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverResumedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.RelocateEnvironmentCommand;
import io.rehearsal.api.StartFailoverStepCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Runs a test's failover steps in order, one at a time, by command: it never touches infrastructure itself.
 * A transient failure is retried after a growing wait, within the step's attempts: a durable deadline, so a pending
 * retry survives a crash. Each attempt's timeout is kept by the step executor, which records a timed-out attempt
 * as failed for good like any other outcome (before, the saga scheduled a deadline per attempt; such deadlines
 * still pending from an older version still fire, see {@link #timedOut}). A completed test
 * relocates its environment and ends the saga; a failed one leaves the environment reserved (unavailable) and
 * the saga waiting, since an ADMIN may resume the test from the step that failed.
 */
@Saga
public class FailoverSaga {

    static final String TEST_ID = "testId";
    static final String STEP_TIMEOUT = "step-timeout";
    static final String STEP_RETRY = "step-retry";
    static final String COMMAND_RETRY = "command-retry";

    private static final Logger log = LoggerFactory.getLogger(FailoverSaga.class);

    /** What a deadline is about: one attempt of one step. */
    public record StepAttempt(FailoverStep step, int attempt) {
    }

    /**
     * A command the saga sends to move the test on, and how often it was refused so far: to start an attempt of a
     * step, to complete the test (after {@code step} ACTIVATE), or to relocate the environment.
     */
    public record NextCommand(Kind kind, FailoverStep step, int attempt, int refusals) {

        public enum Kind { START_STEP, COMPLETE_TEST, RELOCATE }

        static NextCommand startStep(FailoverStep step, int attempt) {
            return new NextCommand(Kind.START_STEP, step, attempt, 0);
        }

        NextCommand refusedAgain() {
            return new NextCommand(kind, step, attempt, refusals + 1);
        }
    }

    @JsonProperty
    private DrTestId testId;
    @JsonProperty
    private EnvironmentId environmentId;
    @JsonProperty
    private String newVpcCidr;
    /** The step timeout an older version scheduled for the attempt running at the upgrade; null for newer attempts. */
    @JsonProperty
    private String timeoutId;
    @JsonProperty
    private String retryId;
    /** Who set the test going (started or resumed it): the actor of the commands the saga's timers send. */
    @JsonProperty
    private Actor actor;
    /** Attempts of the current step made before a resume; the step's attempts count from there. */
    @JsonProperty
    private int attemptBase;
    /** Every step completed: what is left is to complete the test (after a resume too, if that was refused). */
    @JsonProperty
    private boolean stepsDone;

    @StartSaga
    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStartedEvent event, CommandGateway commands, DeadlineManager deadlines, FailoverPolicy policy) {
        testId = event.testId();
        environmentId = event.environmentId();
        actor = event.startedBy();
        send(NextCommand.startStep(FailoverStep.first(), 1), false, commands, deadlines, policy);
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStepCompletedEvent event, CommandGateway commands, DeadlineManager deadlines,
            FailoverPolicy policy) {
        cancelTimeout(deadlines);
        attemptBase = 0;
        if (event.step() == FailoverStep.PROVISION_NETWORK) {
            newVpcCidr = String.valueOf(event.facts().get("cidr"));
        }
        stepsDone = event.step().next().isEmpty();
        NextCommand next = event.step().next().map(step -> NextCommand.startStep(step, 1))
                .orElse(new NextCommand(NextCommand.Kind.COMPLETE_TEST, event.step(), event.attempt(), 0));
        send(next, false, commands, deadlines, policy);
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStepFailedEvent event, CommandGateway commands, DeadlineManager deadlines, FailoverPolicy policy) {
        cancelTimeout(deadlines);
        StepPolicy stepPolicy = policy.of(event.step());
        int made = event.attempt() - attemptBase;
        if (event.retryable() && made < stepPolicy.maxAttempts()) {
            int next = event.attempt() + 1;
            retryId = deadlines.schedule(stepPolicy.backoffBefore(made + 1), STEP_RETRY,
                    new StepAttempt(event.step(), next));
            return;
        }
        String why = event.retryable()
                ? "gave up after " + made + " of " + stepPolicy.maxAttempts() + " attempts; the last failed: "
                : "failed for good on attempt " + event.attempt() + ": ";
        commands.sendAndWait(new FailFailoverCommand(testId, event.step(), event.step() + " " + why + event.reason()));
    }

    @DeadlineHandler(deadlineName = STEP_RETRY)
    void retry(StepAttempt next, CommandGateway commands, DeadlineManager deadlines, FailoverPolicy policy) {
        retryId = null;
        send(NextCommand.startStep(next.step(), next.attempt()), true, commands, deadlines, policy);
    }

    @DeadlineHandler(deadlineName = COMMAND_RETRY)
    void resend(NextCommand refused, CommandGateway commands, DeadlineManager deadlines, FailoverPolicy policy) {
        retryId = null;
        send(refused, true, commands, deadlines, policy);
    }

    /**
     * A step timeout an older version scheduled, for an attempt that was running when it was replaced: recorded as
     * the attempt's end, as the step executor now does itself (refused if the attempt already ended).
     */
    @DeadlineHandler(deadlineName = STEP_TIMEOUT)
    void timedOut(StepAttempt attempt, CommandGateway commands, FailoverPolicy policy) {
        timeoutId = null;
        commands.sendAndWait(onBehalf(new FailFailoverStepCommand(testId, attempt.step(), attempt.attempt(),
                "timed out after " + policy.of(attempt.step()).humanTimeout(), false)));
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverCompletedEvent event, CommandGateway commands, DeadlineManager deadlines, FailoverPolicy policy) {
        send(new NextCommand(NextCommand.Kind.RELOCATE, FailoverStep.ACTIVATE, 0, 0), false, commands, deadlines,
                policy);
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverFailedEvent event, DeadlineManager deadlines) {
        cancelTimeout(deadlines);
        if (retryId != null) {
            deadlines.cancelSchedule(STEP_RETRY, retryId);
            deadlines.cancelSchedule(COMMAND_RETRY, retryId);
            retryId = null;
        }
        // the environment stays reserved, hence unavailable, until an ADMIN resumes the test
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverResumedEvent event, CommandGateway commands, DeadlineManager deadlines, FailoverPolicy policy) {
        actor = event.resumedBy();
        attemptBase = event.attempt() - 1;
        send(stepsDone ? new NextCommand(NextCommand.Kind.COMPLETE_TEST, event.step(), event.attempt(), 0)
                : NextCommand.startStep(event.step(), event.attempt()), false, commands, deadlines, policy);
    }

    /**
     * Sends the command that moves the test on. A refusal is retried after a growing wait, within the attempts of
     * the step it is about; then the test fails with the refusal as its reason, rather than the event being
     * retried forever while every other test in its segment waits behind it. (A completed test cannot fail: a
     * relocation refused that often is logged and given up.)
     */
    private void send(NextCommand next, boolean fromTimer, CommandGateway commands, DeadlineManager deadlines,
                      FailoverPolicy policy) {
        Object command = switch (next.kind()) {
            case START_STEP -> new StartFailoverStepCommand(testId, next.step(), next.attempt());
            case COMPLETE_TEST -> new CompleteFailoverCommand(testId);
            case RELOCATE -> new RelocateEnvironmentCommand(environmentId, testId, new NetworkConfiguration(newVpcCidr));
        };
        try {
            commands.sendAndWait(fromTimer ? onBehalf(command) : command);
            return;
        } catch (RuntimeException refusal) {
            NextCommand refused = next.refusedAgain();
            StepPolicy stepPolicy = policy.of(next.step());
            String what = command.getClass().getSimpleName().replace("Command", "");
            if (refused.refusals() < stepPolicy.maxAttempts()) {
                log.warn("Test {}: {} refused ({} of {}), trying again: {}", testId, what, refused.refusals(),
                        stepPolicy.maxAttempts(), refusal.getMessage());
                retryId = deadlines.schedule(stepPolicy.backoffBefore(refused.refusals() + 1), COMMAND_RETRY, refused);
                return;
            }
            String reason = next.step() + " could not go on: " + what + " was refused " + refused.refusals()
                    + " times; the last refusal: " + refusal.getMessage();
            if (next.kind() == NextCommand.Kind.RELOCATE) {
                log.error("Test {}: {}", testId, reason);
                return;
            }
            Object fail = new FailFailoverCommand(testId, next.step(), reason);
            commands.sendAndWait(fromTimer ? onBehalf(fail) : fail);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TEST_ID)
    void on(EnvironmentRelocatedEvent event) {
        // the environment runs in its new region: the failover is over
    }

    /**
     * A timer fires outside any event, so nothing carries the actor over to what it sends: the saga says it,
     * and every event that follows records it like the events of the test before.
     */
    private CommandMessage<Object> onBehalf(Object command) {
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(Actor.METADATA_KEY, (actor == null ? Actor.SYSTEM : actor).name()));
    }

    private void cancelTimeout(DeadlineManager deadlines) {
        if (timeoutId != null) {
            deadlines.cancelSchedule(STEP_TIMEOUT, timeoutId);
            timeoutId = null;
        }
    }
}
