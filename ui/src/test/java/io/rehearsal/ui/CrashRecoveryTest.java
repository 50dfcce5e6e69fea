package io.rehearsal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.StepView;
import io.rehearsal.api.TestStatus;
import io.rehearsal.command.infrastructure.simulated.SimulatedInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durability: the process dies hard in the middle of a failover step and starts again on the same data directory.
 * The test must complete, no infrastructure action may run twice, nothing acknowledged may be lost, and the
 * views must agree with the event store.
 */
class CrashRecoveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String ENV = "acme-preprod";
    private static final ObjectMapper JSON = ChildProcessApplication.JSON;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aFailoverKilledMidStepCompletesAfterRestartWithNothingRunTwiceAndNothingLost() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data"))
                .toAbsolutePath(), "crash-");
        List<String> args = List.of("--rehearsal.simulator.speed=1000", "--rehearsal.simulator.backup-interval=1000d");
        // the first run holds RESTORE_DATABASE open inside the provider until the process dies: the kill lands in
        // the middle of a step, not between two
        List<String> holding = new ArrayList<>(args);
        holding.add("--rehearsal.simulator.faults=RESTORE_DATABASE=hold");
        String testId;
        long killed;
        Map<FailoverStep, StepView> completedBeforeKill;
        try (ChildProcessApplication app = new ChildProcessApplication(dataDir, holding)) {
            app.start();
            testId = app.startTest(ENV);

            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() ->
                    app.logged("holding RESTORE_DATABASE of test " + testId));
            DrTestView beforeKill = app.progress(testId);
            assertThat(step(beforeKill, FailoverStep.RESTORE_DATABASE).status()).isEqualTo(StepStatus.RUNNING);
            killed = app.pid();
            app.killHard();

            completedBeforeKill = new java.util.EnumMap<>(FailoverStep.class);
            beforeKill.steps().stream().filter(s -> s.status() == StepStatus.COMPLETED)
                    .forEach(s -> completedBeforeKill.put(s.step(), s));
            assertThat(completedBeforeKill).containsOnlyKeys(FailoverStep.LOCK_SOURCE, FailoverStep.PROVISION_NETWORK);
        }

        long restarted;
        DrTestView finished;
        EnvironmentView relocated;
        try (ChildProcessApplication app = new ChildProcessApplication(dataDir, args)) {
            app.start();
            restarted = app.pid();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() ->
                    app.get("/api/environments/" + ENV).statusCode() == 200 && app.environment(ENV).activeTestId() == null);
            finished = app.progress(testId);
            relocated = app.environment(ENV);
            app.stop();
        }

        assertThat(finished.status()).isEqualTo(TestStatus.COMPLETED);
        assertThat(finished.steps()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(s.attempt()).isEqualTo(1);
        });
        // what was acknowledged before the crash is still exactly so
        completedBeforeKill.forEach((step, before) -> {
            assertThat(step(finished, step).startedAt()).isEqualTo(before.startedAt());
            assertThat(step(finished, step).endedAt()).isEqualTo(before.endedAt());
        });
        assertThat(relocated.region()).isEqualTo(finished.drRegion());

        // the provider's journal: each step executed once; the held one, and all after it, by the restart
        try (SimulatedInfrastructure simulator = new SimulatedInfrastructure(dataDir.resolve("simulator"), 1e9)) {
            for (FailoverStep step : FailoverStep.values()) {
                long by = step.compareTo(FailoverStep.RESTORE_DATABASE) < 0 ? killed : restarted;
                assertThat(simulator.executedBy(DrTestId.of(testId), step)).as(step + " executions")
                        .singleElement().asString().startsWith(by + "@");
            }
        }

        List<StoredEvent> stream = readStream(dataDir, testId);
        List<String> expected = new ArrayList<>(List.of("FailoverStartedEvent"));
        for (FailoverStep step : FailoverStep.values()) {
            expected.add("FailoverStepStartedEvent");
            expected.add("FailoverStepCompletedEvent");
            if (step == FailoverStep.VERIFY) {
                expected.add("ConfigurationParityCheckedEvent");
            }
        }
        expected.add("FailoverCompletedEvent");
        assertThat(stream).extracting(StoredEvent::type).containsExactlyElementsOf(expected);
        assertThat(stream).extracting(StoredEvent::sequence).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, expected.size()).boxed().toList());
        // the views agree with the store, step by step
        for (StoredEvent event : stream) {
            JsonNode payload = event.payload();
            if (event.type().equals("FailoverStepStartedEvent")) {
                StepView view = step(finished, FailoverStep.valueOf(payload.get("step").asText()));
                assertThat(view.startedAt()).isEqualTo(millis(payload.get("startedAt").asText()));
                assertThat(view.attempt()).isEqualTo(payload.get("attempt").asInt());
            } else if (event.type().equals("FailoverStepCompletedEvent")) {
                StepView view = step(finished, FailoverStep.valueOf(payload.get("step").asText()));
                assertThat(view.endedAt()).isEqualTo(millis(payload.get("completedAt").asText()));
            } else if (event.type().equals("FailoverCompletedEvent")) {
                assertThat(finished.endedAt()).isEqualTo(millis(payload.get("completedAt").asText()));
            }
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aRetryPendingWhenTheProcessDiesFiresAfterRestartAndNothingRunsTwice() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data"))
                .toAbsolutePath(), "crash-retry-");
        // the first restore attempt fails; its retry waits eight seconds, long enough to die in
        List<String> args = List.of("--rehearsal.simulator.speed=1000", "--rehearsal.simulator.backup-interval=1000d",
                "--rehearsal.simulator.faults=RESTORE_DATABASE=fail-1",
                "--rehearsal.failover.defaults.initial-backoff=8s");
        String testId;
        try (ChildProcessApplication app = new ChildProcessApplication(dataDir, args)) {
            app.start();
            testId = app.startTest(ENV);

            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() ->
                    step(app.progress(testId), FailoverStep.RESTORE_DATABASE).status() == StepStatus.FAILED);
            app.killHard(); // the retry is now only a row in the timers' table
        }

        try (ChildProcessApplication app = new ChildProcessApplication(dataDir, args)) {
            Instant restarting = Instant.now();
            app.start();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() ->
                    app.progress(testId).status() == TestStatus.COMPLETED);
            DrTestView finished = app.progress(testId);
            System.out.printf("crash with a retry pending: the retry started %d ms after the restart began%n",
                    Duration.between(restarting, step(finished, FailoverStep.RESTORE_DATABASE).startedAt()).toMillis());
            assertThat(step(finished, FailoverStep.RESTORE_DATABASE).attempt()).isEqualTo(2);
            app.stop();
        }

        try (SimulatedInfrastructure simulator = new SimulatedInfrastructure(dataDir.resolve("simulator"), 1e9)) {
            for (FailoverStep step : FailoverStep.values()) {
                // the restore ran twice: its failed first attempt and its retry; every other step once
                assertThat(simulator.timesExecuted(DrTestId.of(testId), step)).as(step + " executions")
                        .isEqualTo(step == FailoverStep.RESTORE_DATABASE ? 2 : 1);
            }
        }
        List<String> restore = readStream(dataDir, testId).stream()
                .filter(e -> e.payload().path("step").asText().equals("RESTORE_DATABASE"))
                .map(e -> e.type() + "#" + e.payload().path("attempt").asInt()).toList();
        assertThat(restore).containsExactly("FailoverStepStartedEvent#1", "FailoverStepFailedEvent#1",
                "FailoverStepStartedEvent#2", "FailoverStepCompletedEvent#2");
    }

    private static StepView step(DrTestView view, FailoverStep step) {
        return view.steps().get(step.ordinal());
    }

    private static Instant millis(String instant) {
        return Instant.parse(instant).truncatedTo(ChronoUnit.MILLIS);
    }

    record StoredEvent(long sequence, String type, JsonNode payload) {
    }

    /** Reads the test's events straight from the H2 file, with the application stopped. */
    private static List<StoredEvent> readStream(Path dataDir, String testId) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("rehearsal"), "sa", "");
             PreparedStatement query = connection.prepareStatement("SELECT sequenceNumber, payloadType, payload "
                     + "FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber")) {
            query.setString(1, testId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    events.add(new StoredEvent(rows.getLong(1), type.substring(type.lastIndexOf('.') + 1),
                            JSON.readTree(new String(rows.getBytes(3), StandardCharsets.UTF_8))));
                }
            }
        }
        return events;
    }
}
