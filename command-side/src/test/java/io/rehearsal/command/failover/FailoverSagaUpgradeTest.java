package io.rehearsal.command.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.FailFailoverStepCommand;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.StartFailoverStepCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * A saga an older version stored while one of its steps ran: that version scheduled a timeout per attempt and kept
 * its id. The saga as it reads now still cancels that timeout when the step ends, and when the timeout fires first
 * records the attempt as timed out, as the step executor now does itself.
 */
class FailoverSagaUpgradeTest {

    private static final DrTestId TEST = DrTestId.of("8a1f3c52-6a7e-4d0b-9c55-0f2e7b1d4a10");
    /** The saga's state as the older version serialized it (Axon's Jackson serializer: its fields). */
    private static final String STORED_BY_OLDER_VERSION = """
            {"testId":"8a1f3c52-6a7e-4d0b-9c55-0f2e7b1d4a10","environmentId":"acme-preprod","newVpcCidr":null,
             "timeoutId":"timeout-of-create-dns","retryId":null,"actor":"operator","attemptBase":0,"stepsDone":false}
            """;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void aStepThatEndsCancelsTheTimeoutTheOlderVersionScheduled() throws Exception {
        FailoverSaga saga = json.readValue(STORED_BY_OLDER_VERSION, FailoverSaga.class);
        CommandGateway commands = mock(CommandGateway.class);
        DeadlineManager deadlines = mock(DeadlineManager.class);

        saga.on(new FailoverStepCompletedEvent(TEST, FailoverStep.CREATE_DNS, 1, Instant.now(), Map.of()), commands,
                deadlines, FailoverSagaTest.POLICY);

        verify(deadlines).cancelSchedule(FailoverSaga.STEP_TIMEOUT, "timeout-of-create-dns");
        verify(commands).sendAndWait(new StartFailoverStepCommand(TEST, FailoverStep.CREATE_DNS.next().orElseThrow(), 1));
    }

    @Test
    void theOlderVersionsTimeoutFiringRecordsTheAttemptAsTimedOutOnBehalfOfWhoStartedTheTest() throws Exception {
        FailoverSaga saga = json.readValue(STORED_BY_OLDER_VERSION, FailoverSaga.class);
        CommandGateway commands = mock(CommandGateway.class);

        saga.timedOut(new FailoverSaga.StepAttempt(FailoverStep.CREATE_DNS, 1), commands, FailoverSagaTest.POLICY);

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands).sendAndWait(sent.capture());
        CommandMessage<?> message = (CommandMessage<?>) sent.getValue();
        assertThat(message.getPayload()).isEqualTo(new FailFailoverStepCommand(TEST, FailoverStep.CREATE_DNS, 1,
                "timed out after 10m", false));
        assertThat(message.getMetaData()).containsEntry("actor", "operator");
    }
}
