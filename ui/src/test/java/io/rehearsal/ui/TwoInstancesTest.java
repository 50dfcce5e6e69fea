package io.rehearsal.ui;

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
 * running a failover dies hard while its provider holds a step open; the other takes its segments over after the
 * claim timeout and finishes the test. The shared provider journal shows who ran which step: each once, the held
 * one and those after it by the survivor.
 */
class TwoInstancesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final String ENV = "acme-preprod";

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void whenTheInstanceRunningAFailoverDiesTheOtherFinishesIt() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data"))
                .toAbsolutePath(), "two-");
        MongoServer projections = new MongoServer(new MemoryBackend());
        InetSocketAddress mongo = projections.bind(); // loopback, a free port
        // RESTORE_DATABASE is held open inside the provider of whichever instance runs it, until it dies
        List<String> shared = List.of("--rehearsal.simulator.speed=1000", "--rehearsal.simulator.backup-interval=1000d",
                "--rehearsal.simulator.faults=RESTORE_DATABASE=hold",
                "--rehearsal.embedded.shared=true",
                "--rehearsal.embedded.projections-uri=mongodb://127.0.0.1:" + mongo.getPort());
        String testId;
        long runner;
        long survivorPid;
        try (ChildProcessApplication first = new ChildProcessApplication(dataDir, with(shared, "first"));
             ChildProcessApplication second = new ChildProcessApplication(dataDir, with(shared, "second"))) {
            first.start("first.port", "first.log");
            await().atMost(DEADLINE).until(() -> first.get("/api/environments/" + ENV).statusCode() == 200);
            second.start("second.port", "second.log");

            EnvironmentView env = first.environment(ENV);
            testId = first.startTest(ENV);

            String holding = "holding RESTORE_DATABASE of test " + testId;
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() ->
                    first.logged(holding) || second.logged(holding));
            ChildProcessApplication running = first.logged(holding) ? first : second;
            ChildProcessApplication survivor = running == first ? second : first;
            assertThat(survivor.logged(holding)).as("only one instance runs the step").isFalse();
            assertThat(step(survivor.progress(testId), FailoverStep.RESTORE_DATABASE).status())
                    .isEqualTo(StepStatus.RUNNING);
            assertThat(survivor.putJson("/api/admin/simulator/faults", "{\"faults\":\"\"}").statusCode())
                    .isEqualTo(200); // the survivor will not hold it
            runner = running.pid();
            survivorPid = survivor.pid();
            Instant killedAt = Instant.now();
            running.killHard();

            // while the survivor takes the H2 file over, a read may answer 500 (queries open a JDBC transaction)
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
                java.net.http.HttpResponse<String> read = survivor.get("/api/dr-tests/" + testId);
                return read.statusCode() == 200 && ChildProcessApplication.JSON.readValue(read.body(), DrTestView.class)
                        .status() == TestStatus.COMPLETED;
            });
            DrTestView done = survivor.progress(testId);
            Instant restoreEnded = step(done, FailoverStep.RESTORE_DATABASE).endedAt();
            System.out.printf("two instances: the survivor completed RESTORE_DATABASE %d ms after the kill; "
                    + "the test completed %d ms after it%n", Duration.between(killedAt, restoreEnded).toMillis(),
                    Duration.between(killedAt, done.endedAt()).toMillis());

            assertThat(done.steps()).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(StepStatus.COMPLETED);
                assertThat(s.attempt()).isEqualTo(1);
            });
            await().atMost(DEADLINE).until(() -> survivor.environment(ENV).region().equals(env.drRegion()));
            survivor.stop();
        } finally {
            projections.shutdownNow();
        }
        // the shared journal: each step executed once; the held one, and all after it, by the survivor
        try (SimulatedInfrastructure simulator = new SimulatedInfrastructure(dataDir.resolve("simulator"), 1e9)) {
            for (FailoverStep step : FailoverStep.values()) {
                long by = step.compareTo(FailoverStep.RESTORE_DATABASE) < 0 ? runner : survivorPid;
                assertThat(simulator.executedBy(DrTestId.of(testId), step)).as(step + " executions")
                        .singleElement().asString().startsWith(by + "@");
            }
        }
    }

    private static List<String> with(List<String> shared, String nodeId) {
        List<String> args = new java.util.ArrayList<>(shared);
        args.add("--rehearsal.embedded.node-id=" + nodeId);
        return args;
    }

    private static io.rehearsal.api.StepView step(DrTestView view, FailoverStep step) {
        return view.steps().get(step.ordinal());
    }
}
