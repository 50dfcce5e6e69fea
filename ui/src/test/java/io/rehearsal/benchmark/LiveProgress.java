package io.rehearsal.benchmark;

import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.StepView;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Scenario 4: clients on the live progress stream of running tests, over loopback HTTP. For every update after
 * the first (the state at connection), the latency is the time it reached the client minus the time of the
 * newest event it shows (times are recorded with millisecond precision, so a latency can read up to 1 ms high).
 */
final class LiveProgress {

    record Result(List<Double> latenciesMillis, int clients, int clientsThatSawTheEnd) {
    }

    static Result run(BenchApp app, int tests, int clientsPerTest) throws Exception {
        List<EnvironmentId> environments = app.registerEnvironments(tests);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Boolean>> clients = new ArrayList<>();
        for (EnvironmentId environment : environments) {
            String testId = app.startOverHttp(environment, Integer.parseInt(environment.value().substring(4)));
            for (int i = 0; i < clientsPerTest; i++) {
                clients.add(app.http.sendAsync(app.request("auditor", "/api/dr-tests/" + testId + "/stream")
                                        .header("Accept", "text/event-stream").GET().build(),
                                HttpResponse.BodyHandlers.ofLines())
                        .thenApply(response -> follow(response, latencies)));
            }
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        int sawTheEnd = (int) clients.stream().filter(CompletableFuture::join).count();
        app.awaitProcessorsIdle();
        return new Result(List.copyOf(latencies), clients.size(), sawTheEnd);
    }

    /** Reads one client's stream to its end; true if the last update showed the test COMPLETED. */
    private static boolean follow(HttpResponse<Stream<String>> response, List<Double> latencies) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stream answered " + response.statusCode());
        }
        boolean first = true;
        DrTestView last = null;
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (!line.startsWith("data:")) {
                continue;
            }
            Instant received = Instant.now();
            try {
                last = BenchApp.JSON.readValue(line.substring(5), DrTestView.class);
            } catch (Exception e) {
                throw new IllegalStateException("unreadable progress update: " + line, e);
            }
            if (!first) {
                latencies.add(Duration.between(newestEvent(last), received).toNanos() / 1e6);
            }
            first = false;
        }
        return last != null && last.status() == io.rehearsal.api.TestStatus.COMPLETED;
    }

    private static Instant newestEvent(DrTestView view) {
        List<Instant> times = new ArrayList<>(List.of(view.startedAt()));
        if (view.endedAt() != null) {
            times.add(view.endedAt());
        }
        for (StepView step : view.steps()) {
            Stream.of(step.startedAt(), step.endedAt()).filter(Objects::nonNull).forEach(times::add);
        }
        return Collections.max(times);
    }
}
