package io.rehearsal.command.drtest;

import io.rehearsal.api.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RejectionTranslatorTest {

    private record Probe(RuntimeException failure) {
    }

    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final CommandGateway commands = DefaultCommandGateway.builder().commandBus(commandBus).build();

    RejectionTranslatorTest() {
        commandBus.registerHandlerInterceptor(new RejectionTranslator());
        commandBus.subscribe(Probe.class.getName(), message -> {
            throw ((Probe) message.getPayload()).failure();
        });
    }

    @Test
    void rejectionCrossesAsCommandExecutionExceptionWithItsReasonInTheDetails() {
        FailoverRejectedException rejection = FailoverRejectedException.conflict("A DR test runs on 'acme-preprod'.");

        assertThatThrownBy(() -> commands.sendAndWait(new Probe(rejection)))
                .isInstanceOfSatisfying(CommandExecutionException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("A DR test runs on 'acme-preprod'.");
                    assertThat(e.getDetails()).contains(
                            new Rejection(Rejection.Reason.CONFLICT, "A DR test runs on 'acme-preprod'."));
                });
    }

    @Test
    void otherFailuresCarryNoRejection() {
        assertThatThrownBy(() -> commands.sendAndWait(new Probe(new IllegalStateException("next is LOCK_SOURCE"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("next is LOCK_SOURCE");
    }
}
