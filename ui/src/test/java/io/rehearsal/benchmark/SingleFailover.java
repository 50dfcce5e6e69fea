package io.rehearsal.benchmark;

import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FindDrTestQuery;
import io.rehearsal.api.TestStatus;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import reactor.core.publisher.Flux;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1: one failover at a time, started over HTTP; from the {@code 202} to COMPLETED in the progress view,
 * seen through the same subscription query that feeds the live stream. With the simulator adding no latency,
 * all of it is orchestration: nine step commands, their events, the saga, the projections.
 */
final class SingleFailover {

    /**
     * Per failover: from the 202 to COMPLETED seen, the test's own start-to-end as its events record it, and the
     * process's CPU from the request until every processor had handled the failover's last event, and that span's
     * CPU by kind of thread (see {@link ThreadCpu}; the suite's own waiting is the thread named "main").
     */
    record Sample(double millisToCompleted, double recordedMillis, double cpuMillis, Map<String, Double> cpuByThread) {
    }

    /** CPU time of this whole process, all threads: what one failover costs, not how long it waits. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static List<Sample> run(BenchApp app, int failovers) throws Exception {
        List<EnvironmentId> environments = app.registerEnvironments(failovers);
        QueryGateway queries = app.bean(QueryGateway.class);
        List<Sample> samples = new ArrayList<>();
        for (EnvironmentId environment : environments) {
            ThreadCpu threadsBefore = ThreadCpu.now();
            long cpuBefore = processCpuNanos();
            String testId = app.startOverHttp(environment, Integer.parseInt(environment.value().substring(4)));
            long accepted = System.nanoTime();
            DrTestView completed;
            try (SubscriptionQueryResult<DrTestView, DrTestView> progress = queries.subscriptionQuery(
                    new FindDrTestQuery(DrTestId.of(testId)), DrTestView.class, DrTestView.class)) {
                completed = Flux.concat(progress.initialResult(), progress.updates())
                        .filter(view -> view != null && view.status().isFinal())
                        .blockFirst(Duration.ofMinutes(1));
            }
            double millis = (System.nanoTime() - accepted) / 1e6;
            if (completed == null || completed.status() != TestStatus.COMPLETED) {
                throw new IllegalStateException("test " + testId + " ended " + (completed == null ? "never" : completed.status()));
            }
            // every processor past the failover's last event: its work is done, and the next starts on a quiet system
            app.awaitProcessorsIdle();
            long cpuAfter = processCpuNanos();
            samples.add(new Sample(millis, completed.rto().toNanos() / 1e6, (cpuAfter - cpuBefore) / 1e6,
                    ThreadCpu.now().since(threadsBefore)));
        }
        return samples;
    }
}
