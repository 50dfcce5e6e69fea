package io.rehearsal.command.failover;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rehearsal.api.CompleteFailoverCommand;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.FailFailoverCommand;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.RelocateEnvironmentCommand;
import io.rehearsal.api.StartFailoverStepCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Runs a test's failover steps in order, one at a time, by command: it never touches infrastructure itself.
 * A completed test relocates its environment; a failed one leaves it reserved, so it stays unavailable.
 */
@Saga
public class FailoverSaga {

    static final String TEST_ID = "testId";

    @JsonProperty
    private DrTestId testId;
    @JsonProperty
    private EnvironmentId environmentId;
    @JsonProperty
    private String newVpcCidr;

    @StartSaga
    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStartedEvent event, CommandGateway commands) {
        testId = event.testId();
        environmentId = event.environmentId();
        commands.sendAndWait(new StartFailoverStepCommand(testId, FailoverStep.first(), 1));
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStepCompletedEvent event, CommandGateway commands) {
        if (event.step() == FailoverStep.PROVISION_NETWORK) {
            newVpcCidr = String.valueOf(event.facts().get("cidr"));
        }
        event.step().next().ifPresentOrElse(
                next -> commands.sendAndWait(new StartFailoverStepCommand(testId, next, 1)),
                () -> commands.sendAndWait(new CompleteFailoverCommand(testId)));
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverStepFailedEvent event, CommandGateway commands) {
        commands.sendAndWait(new FailFailoverCommand(testId, event.step(), event.step() + " failed on attempt "
                + event.attempt() + ": " + event.reason()));
    }

    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverCompletedEvent event, CommandGateway commands) {
        commands.sendAndWait(new RelocateEnvironmentCommand(environmentId, testId, new NetworkConfiguration(newVpcCidr)));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TEST_ID)
    void on(EnvironmentRelocatedEvent event) {
        // the environment runs in its new region: the failover is over
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TEST_ID)
    void on(FailoverFailedEvent event) {
        // the environment stays reserved, hence unavailable, until an ADMIN acts
    }
}
