package io.rehearsal.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.TestStatus;
import io.rehearsal.command.infrastructure.simulated.SimulatedInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share one data directory (H2 served by whichever holds it) and one projections server. The one
 * running a failover dies hard in the middle of a step; the other takes its segments over after the claim
 * timeout and finishes the test, and no infrastructure action runs twice.
 */
class TwoInstancesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final String ENV = "acme-preprod";
    private static final ObjectMapper JSON = ChildProcessApplication.JSON;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void whenTheInstanceRunningAFailoverDiesTheOtherFinishesIt() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data"))
                .toAbsolutePath(), "two-");
        MongoServer projections = new MongoServer(new MemoryBackend());
        InetSocketAddress mongo = projections.bind(); // loopback, a free port
        List<String> shared = List.of("--rehearsal.simulator.speed=5", "--rehearsal.simulator.backup-interval=1000d",
                "--rehearsal.embedded.shared=true",
                "--rehearsal.embedded.projections-uri=mongodb://127.0.0.1:" + mongo.getPort());
        try (ChildProcessApplication first = new ChildProcessApplication(dataDir, with(shared, "first"));
             ChildProcessApplication second = new ChildProcessApplication(dataDir, with(shared, "second"))) {
            first.start("first.port", "first.log");
            await().atMost(DEADLINE).until(() -> first.get("/api/environments/" + ENV).statusCode() == 200);
            second.start("second.port", "second.log");

            EnvironmentView env = first.environment(ENV);
            String testId = first.startTest(ENV);

            // RESTORE_DATABASE takes four seconds at speed 5: the first instance dies in the middle of it
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() ->
                    step(second.progress(testId), FailoverStep.RESTORE_DATABASE).status() == StepStatus.RUNNING);
            Instant killedAt = Instant.now();
            first.killHard();

            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() ->
                    second.progress(testId).status() == TestStatus.COMPLETED);
            DrTestView done = second.progress(testId);
            Instant restoreEnded = step(done, FailoverStep.RESTORE_DATABASE).endedAt();
            System.out.printf("two instances: the survivor completed RESTORE_DATABASE %d ms after the kill; "
                    + "the test completed %d ms after it%n", Duration.between(killedAt, restoreEnded).toMillis(),
                    Duration.between(killedAt, done.endedAt()).toMillis());

            assertThat(done.steps()).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(StepStatus.COMPLETED);
                assertThat(s.attempt()).isEqualTo(1);
            });
            await().atMost(DEADLINE).until(() -> second.environment(ENV).region().equals(env.drRegion()));
            second.stop();
        } finally {
            projections.shutdownNow();
        }
        try (SimulatedInfrastructure simulator = new SimulatedInfrastructure(dataDir.resolve("simulator"), 1e9)) {
            for (FailoverStep step : FailoverStep.values()) {
                assertThat(simulator.timesExecuted(DrTestId.of(testIdOf(dataDir)), step)).as(step + " executions")
                        .isEqualTo(1);
            }
        }
    }

    private static List<String> with(List<String> shared, String nodeId) {
        List<String> args = new java.util.ArrayList<>(shared);
        args.add("--rehearsal.embedded.node-id=" + nodeId);
        return args;
    }

    /** The one test the simulator's journal knows of. */
    private static String testIdOf(Path dataDir) throws Exception {
        String line = Files.readAllLines(dataDir.resolve("simulator").resolve("journal.jsonl")).get(0);
        return JSON.readTree(line).get("testId").asText();
    }

    private static io.rehearsal.api.StepView step(DrTestView view, FailoverStep step) {
        return view.steps().get(step.ordinal());
    }
}
