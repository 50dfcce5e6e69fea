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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorFaultsTest {

    private static final DrTestId TEST = DrTestId.of("0b6b3f2e-1c1d-4a57-9a59-6f0f8b8e7c11");

    @TempDir
    Path directory;

    @Test
    void readsEveryKindOfFaultAndWritesItBack() {
        SimulatorFaults faults = new SimulatorFaults("RESTORE_DATABASE=fail-2, VERIFY=fail-always,CREATE_DNS=hang");
        assertThat(faults.spec()).isEqualTo("RESTORE_DATABASE=fail-2,CREATE_DNS=hang,VERIFY=fail-always");
        assertThat(faults.of(FailoverStep.LOCK_SOURCE)).isEmpty();
        faults.set("");
        assertThat(faults.spec()).isEmpty();
    }

    @Test
    void readsHoldAndDriftAndRefusesDriftOnAStepThatBuildsNoConfiguration() {
        SimulatorFaults faults = new SimulatorFaults("RESTORE_DATABASE=drift,CREATE_DNS=hold");
        assertThat(faults.spec()).isEqualTo("RESTORE_DATABASE=drift,CREATE_DNS=hold");
        assertThatThrownBy(() -> faults.set("VERIFY=drift")).hasMessageContaining("drift applies to")
                .hasMessageContaining("not VERIFY");
        assertThat(faults.spec()).isEqualTo("RESTORE_DATABASE=drift,CREATE_DNS=hold");
    }

    @Test
    void refusesWhatItCannotReadAndKeepsTheFaultsItHad() {
        SimulatorFaults faults = new SimulatorFaults("VERIFY=fail-1");
        assertThatThrownBy(() -> faults.set("VERIFY=fail-0")).hasMessageContaining("fail-N (N at least 1)");
        assertThatThrownBy(() -> faults.set("RESTORE=fail-2")).hasMessageContaining("unknown step 'RESTORE'");
        assertThatThrownBy(() -> faults.set("VERIFY")).hasMessageContaining("is not STEP=fault");
        assertThatThrownBy(() -> faults.set("VERIFY=explode")).hasMessageContaining("unknown fault 'explode'");
        assertThat(faults.spec()).isEqualTo("VERIFY=fail-1");
    }

    @Test
    void failTwoFailsTheFirstTwoAttemptsTransientlyThenActs() throws Exception {
        SimulatorFaults faults = new SimulatorFaults("LOCK_SOURCE=fail-2");
        try (SimulatedInfrastructure simulator = new SimulatedInfrastructure(directory, 1e9, faults)) {
            assertThat(simulator.execute(request(1))).isInstanceOfSatisfying(StepOutcome.Failed.class,
                    f -> assertThat(f.retryable()).isTrue());
            assertThat(simulator.execute(request(2))).isInstanceOf(StepOutcome.Failed.class);
            assertThat(simulator.execute(request(3))).isInstanceOf(StepOutcome.Succeeded.class);
            assertThat(simulator.actionCounts()).containsEntry(FailoverStep.LOCK_SOURCE, 1L);
            // a failed attempt asked again gets the same answer
            assertThat(simulator.execute(request(1))).isInstanceOf(StepOutcome.Failed.class);
            assertThat(simulator.timesExecuted(TEST, FailoverStep.LOCK_SOURCE)).isEqualTo(3);
        }
    }

    @Test
    void aClearedFaultNoLongerFailsTheNextAttempt() throws Exception {
        SimulatorFaults faults = new SimulatorFaults("LOCK_SOURCE=fail-always");
        try (SimulatedInfrastructure simulator = new SimulatedInfrastructure(directory, 1e9, faults)) {
            assertThat(simulator.execute(request(5))).isInstanceOf(StepOutcome.Failed.class);
            faults.set("");
            assertThat(simulator.execute(request(6))).isInstanceOf(StepOutcome.Succeeded.class);
        }
    }

    @Test
    void hangGivesNoAnswerUntilPastTheTimeout() throws Exception {
        SimulatorFaults faults = new SimulatorFaults("LOCK_SOURCE=hang");
        try (SimulatedInfrastructure simulator = new SimulatedInfrastructure(directory, 1e9, faults)) {
            long started = System.nanoTime();
            StepOutcome outcome = simulator.execute(request(1, Duration.ofMillis(200)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(200));
            assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class,
                    f -> assertThat(f.reason()).contains("hang"));
        }
    }

    private static StepRequest request(int attempt) {
        return request(attempt, Duration.ofMinutes(10));
    }

    private static StepRequest request(int attempt, Duration timeout) {
        return StepRequests.request(TEST, FailoverStep.LOCK_SOURCE, attempt, timeout);
    }
}
