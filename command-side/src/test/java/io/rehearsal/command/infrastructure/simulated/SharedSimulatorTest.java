package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.DrTestId;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.command.infrastructure.StepOutcome;
import io.rehearsal.command.infrastructure.StepRequest;
import io.rehearsal.command.infrastructure.StepRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of Rehearsal over one data directory share one simulated infrastructure. */
class SharedSimulatorTest {

    private static final DrTestId TEST = DrTestId.of("7e3a9f10-2b4c-4d5e-8f60-718293a4b5c6");

    @TempDir
    Path directory;

    @Test
    void anActionOneInstanceExecutedIsNotExecutedAgainByTheOther() throws Exception {
        try (SimulatedInfrastructure first = new SimulatedInfrastructure(directory, 1e9);
             SimulatedInfrastructure second = new SimulatedInfrastructure(directory, 1e9)) {
            StepOutcome lock = first.execute(request(FailoverStep.LOCK_SOURCE));
            StepOutcome network = first.execute(request(FailoverStep.PROVISION_NETWORK));

            // the other instance, taking over the test, is asked again for what the first did
            assertThat(second.execute(request(FailoverStep.PROVISION_NETWORK))).isEqualTo(network);
            assertThat(second.execute(request(FailoverStep.LOCK_SOURCE))).isEqualTo(lock);
            // and builds on what the first built
            assertThat(second.execute(request(FailoverStep.RESTORE_DATABASE))).isInstanceOf(StepOutcome.Succeeded.class);

            for (SimulatedInfrastructure either : List.of(first, second)) {
                assertThat(either.timesExecuted(TEST, FailoverStep.PROVISION_NETWORK)).isEqualTo(1);
                assertThat(either.timesExecuted(TEST, FailoverStep.RESTORE_DATABASE)).isEqualTo(1);
            }
        }
    }

    private static StepRequest request(FailoverStep step) {
        return StepRequests.request(TEST, step, 1, Duration.ofMinutes(1));
    }
}
