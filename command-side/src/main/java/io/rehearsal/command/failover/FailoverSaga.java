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
import io.rehearsal.api.FailoverStepStartedEvent;
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

import java.time.Duration;
import java.util.Map;

/**
 * Runs a test's failover steps in order, one at a time, by command: it never touches infrastructure itself.
 * Every attempt runs against a timeout; a transient failure is retried after a growing wait, within the step's
 * attempts. Both are durable deadlines, so a pending retry or timeout survives a crash. A completed test
 * relocates its environment and ends the saga; a failed one leaves the environment reserved (unavailable) and
 * the saga waiting, since an ADMIN may resume the test from the step that failed.
 */
@Saga
public class FailoverSaga {

    static final String TEST_ID = "testId";
    static final String STEP_TIMEOUT = "step-timeout";
    static final String STEP_RETRY = "step-retry";

    /** What a deadline is about: one attempt of one step. */
    public record StepAttempt(FailoverStep step, int attempt) {
    }

    @JsonProperty
    private DrTestId testId;
    @JsonProperty
    private EnvironmentId environmentId;
    @JsonProperty
    private String newVpcCidr;
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

    @StartSaga
    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStartedEvent event, CommandGateway commands) {
        testId = event.testId();
        environmentId = event.environmentId();
        actor = event.startedBy();
        commands.sendAndWait(new StartFailoverStepCommand(testId, FailoverStep.first(), 1));
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStepStartedEvent event, DeadlineManager deadlines, FailoverPolicy policy) {
        retryId = null;
        cancelTimeout(deadlines);
        timeoutId = deadlines.schedule(policy.of(event.step()).timeout(), STEP_TIMEOUT,
                new StepAttempt(event.step(), event.attempt()));
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStepCompletedEvent event, CommandGateway commands, DeadlineManager deadlines) {
        cancelTimeout(deadlines);
        attemptBase = 0;
        if (event.step() == FailoverStep.PROVISION_NETWORK) {
            newVpcCidr = String.valueOf(event.facts().get("cidr"));
        }
        event.step().next().ifPresentOrElse(
                next -> commands.sendAndWait(new StartFailoverStepCommand(testId, next, 1)),
                () -> commands.sendAndWait(new CompleteFailoverCommand(testId)));
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
    void retry(StepAttempt next, CommandGateway commands) {
        retryId = null;
        commands.sendAndWait(onBehalf(new StartFailoverStepCommand(testId, next.step(), next.attempt())));
    }

    @DeadlineHandler(deadlineName = STEP_TIMEOUT)
    void timedOut(StepAttempt attempt, CommandGateway commands, FailoverPolicy policy) {
        timeoutId = null;
        // recorded as the attempt's end; the test then fails, naming the step: a hung step is not retried
        commands.sendAndWait(onBehalf(new FailFailoverStepCommand(testId, attempt.step(), attempt.attempt(),
                "timed out after " + human(policy.of(attempt.step()).timeout()), false)));
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverCompletedEvent event, CommandGateway commands) {
        commands.sendAndWait(new RelocateEnvironmentCommand(environmentId, testId, new NetworkConfiguration(newVpcCidr)));
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverFailedEvent event, DeadlineManager deadlines) {
        cancelTimeout(deadlines);
        if (retryId != null) {
            deadlines.cancelSchedule(STEP_RETRY, retryId);
            retryId = null;
        }
        // the environment stays reserved, hence unavailable, until an ADMIN resumes the test
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverResumedEvent event, CommandGateway commands) {
        actor = event.resumedBy();
        attemptBase = event.attempt() - 1;
        commands.sendAndWait(new StartFailoverStepCommand(testId, event.step(), event.attempt()));
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

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
