package io.rehearsal.query.drtest;

import com.mongodb.client.MongoDatabase;
import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverResumedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.FindDrTestHistoryQuery;
import io.rehearsal.api.FindDrTestQuery;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.StepView;
import io.rehearsal.api.Targets;
import io.rehearsal.api.TestStatus;
import io.rehearsal.query.InProcessMongo;
import io.rehearsal.query.SpringJson;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(InProcessMongo.class)
class DrTestProgressProjectionTest {

    private static final EnvironmentId PAYMENTS = EnvironmentId.of("payments-prod");
    private static final Instant T0 = Instant.parse("2025-03-04T10:15:30.123Z");
    private static final BackupRef BACKUP = new BackupRef("snap-0042", Instant.parse("2025-03-04T09:33:10.456Z"));
    private static final Targets TARGETS = new Targets(Duration.ofHours(1), Duration.ofMinutes(45), 90);
    private static final EnvironmentConfiguration CONFIGURATION = new EnvironmentConfiguration(
            new DatabaseConfiguration("postgres", "16.4", "db.r6g.xlarge", 500),
            new FrontEndConfiguration(2, "m6i.large", 40), new NetworkConfiguration("10.20.0.0/16"),
            new KeptConfiguration(true, false, true, List.of("203.0.113.0/24"), List.of()));
    /** What VERIFY reports: nested maps and lists, as the infrastructure produces them. */
    private static final Map<String, Object> VERIFY_FACTS = Map.of(
            "healthy", true,
            "frontEndsHealthy", 2,
            "parity", List.of(
                    Map.of("item", "database engine", "source", "postgres 16.4", "target", "postgres 16.4", "match", true),
                    Map.of("item", "front ends", "source", "2", "target", "1", "match", false)),
            "mismatches", List.of("front ends"),
            "network", Map.of("cidr", "10.64.0.0/16", "subnets", List.of("10.64.1.0/24", "10.64.2.0/24")));

    private final RecordingUpdateEmitter emitter = new RecordingUpdateEmitter();
    private DrTestProgressProjection projection;

    @BeforeEach
    void setUp(MongoDatabase database) {
        projection = new DrTestProgressProjection(database, SpringJson.documents(), emitter);
    }

    @Test
    void startedTestIsRunningWithNinePendingStepsItsBackupTargetsAndDataLossWindowAsRpo() {
        DrTestId test = DrTestId.random();
        // BSON keeps milliseconds: the window's 456 microseconds are dropped
        Duration window = Duration.ofMinutes(42).plusSeconds(20).plusMillis(789).plusNanos(456_000);

        projection.on(started(test, window), 0);

        List<StepView> pending = new ArrayList<>();
        for (FailoverStep step : FailoverStep.values()) {
            pending.add(new StepView(step, StepStatus.PENDING, 0, null, null, null, Map.of()));
        }
        assertThat(find(test)).isEqualTo(new DrTestView(test, PAYMENTS, "Payments", TestStatus.RUNNING,
                Actor.of("dana"), "quarterly rehearsal", T0, null, "eu-west-1", "eu-central-1", BACKUP,
                Duration.ofMinutes(42).plusSeconds(20).plusMillis(789), null, TARGETS, pending, null, null, 0));
    }

    @Test
    void stepStartedMarksOnlyThatStepRunningWithItsAttemptAndStartTime() {
        DrTestId test = DrTestId.random();
        projection.on(started(test, Duration.ofMinutes(5)), 0);

        projection.on(new FailoverStepStartedEvent(test, PAYMENTS, FailoverStep.LOCK_SOURCE, 1, T0.plusMillis(1500)), 1);

        List<StepView> steps = find(test).steps();
        assertThat(steps.get(0)).isEqualTo(new StepView(FailoverStep.LOCK_SOURCE, StepStatus.RUNNING, 1,
                T0.plusMillis(1500), null, null, Map.of()));
        assertThat(steps.subList(1, 9)).allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.PENDING));
    }

    @Test
    void stepCompletedRecordsItsEndTimeAndFactsWithNestedMapsAndListsIntact() {
        DrTestId test = DrTestId.random();
        projection.on(started(test, Duration.ofMinutes(5)), 0);
        projection.on(new FailoverStepStartedEvent(test, PAYMENTS, FailoverStep.VERIFY, 2, T0.plusSeconds(60)), 1);

        projection.on(new FailoverStepCompletedEvent(test, FailoverStep.VERIFY, 2, T0.plusSeconds(75), VERIFY_FACTS), 2);

        StepView verify = find(test).steps().get(FailoverStep.VERIFY.ordinal());
        assertThat(verify.step()).isEqualTo(FailoverStep.VERIFY);
        assertThat(verify.status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(verify.attempt()).isEqualTo(2);
        assertThat(verify.startedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(verify.endedAt()).isEqualTo(T0.plusSeconds(75));
        assertThat(verify.failureReason()).isNull();
        assertThat(verify.facts()).usingRecursiveComparison().isEqualTo(VERIFY_FACTS);
        assertThat(find(test).steps()).filteredOn(step -> step.step() != FailoverStep.VERIFY)
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.PENDING));
    }

    @Test
    void stepFailedRecordsItsReasonAndEndTimeAndARetryStartsAFreshAttempt() {
        DrTestId test = DrTestId.random();
        projection.on(started(test, Duration.ofMinutes(5)), 0);
        projection.on(new FailoverStepStartedEvent(test, PAYMENTS, FailoverStep.LOCK_SOURCE, 1, T0.plusSeconds(1)), 1);

        projection.on(new FailoverStepFailedEvent(test, FailoverStep.LOCK_SOURCE, 1, T0.plusSeconds(4),
                "lock timed out", true), 2);

        assertThat(find(test).steps().get(0)).isEqualTo(new StepView(FailoverStep.LOCK_SOURCE, StepStatus.FAILED, 1,
                T0.plusSeconds(1), T0.plusSeconds(4), "lock timed out", Map.of()));

        projection.on(new FailoverStepStartedEvent(test, PAYMENTS, FailoverStep.LOCK_SOURCE, 2, T0.plusSeconds(9)), 3);

        assertThat(find(test).steps().get(0)).isEqualTo(new StepView(FailoverStep.LOCK_SOURCE, StepStatus.RUNNING, 2,
                T0.plusSeconds(9), null, null, Map.of()));
        assertThat(find(test).steps().subList(1, 9))
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.PENDING));
    }

    @Test
    void completedTestIsCompletedWithItsAutomatedRto() {
        DrTestId test = DrTestId.random();
        List<Delivery> story = completedStory(test);

        story.forEach(this::deliver);

        DrTestView view = find(test);
        assertThat(view.status()).isEqualTo(TestStatus.COMPLETED);
        assertThat(view.endedAt()).isEqualTo(T0.plusSeconds(1900));
        assertThat(view.rto()).isEqualTo(Duration.ofSeconds(1900));
        assertThat(view.failedStep()).isNull();
        assertThat(view.steps()).allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.COMPLETED));
    }

    @Test
    void failedTestIsFailedWithTheStepThatFailedAndWhy() {
        DrTestId test = DrTestId.random();

        failedStory(test).forEach(this::deliver);

        DrTestView view = find(test);
        assertThat(view.status()).isEqualTo(TestStatus.FAILED);
        assertThat(view.failedStep()).isEqualTo(FailoverStep.PROVISION_NETWORK);
        assertThat(view.failureReason()).isEqualTo("PROVISION_NETWORK failed on attempt 2: no free CIDR");
        assertThat(view.endedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(view.rto()).isEqualTo(Duration.ofSeconds(30));
        assertThat(view.steps().get(FailoverStep.PROVISION_NETWORK.ordinal()).status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void redeliveredEventWithTheSameSequenceNumberChangesNothingAndEmitsNothing() {
        DrTestId completed = DrTestId.random();
        DrTestId failed = DrTestId.random();
        List<Delivery> stories = new ArrayList<>(completedStory(completed));
        stories.addAll(failedStory(failed));
        emitter.subscriptionTo(new FindDrTestQuery(completed), DrTestView.class);
        emitter.subscriptionTo(new FindDrTestQuery(failed), DrTestView.class);

        for (Delivery delivery : stories) {
            deliver(delivery);
            DrTestId test = delivery.testId();
            DrTestView applied = find(test);
            int emitted = emitter.count();

            deliver(delivery);

            assertThat(find(test)).as("after redelivering %s", delivery).isEqualTo(applied);
            assertThat(emitter.count()).as("emitted after redelivering %s", delivery).isEqualTo(emitted);
        }
    }

    @Test
    void aTestNobodyWatchesIsNeitherReadBackNorEmitted() {
        DrTestId watched = DrTestId.random();
        emitter.subscriptionTo(new FindDrTestQuery(watched), DrTestView.class);
        List<Delivery> unwatched = completedStory(DrTestId.random());

        unwatched.forEach(this::deliver);
        deliver(new Delivery(watched, started(watched, Duration.ofMinutes(1)), 0));

        assertThat(emitter.count()).isEqualTo(1);
    }

    @Test
    void redeliveredEarlierEventsAfterTheEndChangeNothingAndEmitNothing() {
        DrTestId test = DrTestId.random();
        emitter.subscriptionTo(new FindDrTestQuery(test), DrTestView.class);
        List<Delivery> story = completedStory(test);
        story.forEach(this::deliver);
        DrTestView ended = find(test);
        int emitted = emitter.count();
        assertThat(emitted).isEqualTo(story.size());

        story.forEach(this::deliver);

        assertThat(find(test)).isEqualTo(ended);
        assertThat(emitter.count()).isEqualTo(emitted);
    }

    @Test
    void emitsEachUpdateToTheSubscribersOfThatTestOnly() {
        DrTestId first = DrTestId.random();
        DrTestId second = DrTestId.random();
        SubscriptionQueryMessage<?, ?, ?> firstWatcher = emitter.subscriptionTo(
                new FindDrTestQuery(first), DrTestView.class);
        SubscriptionQueryMessage<?, ?, ?> secondWatcher = emitter.subscriptionTo(
                new FindDrTestQuery(second), DrTestView.class);
        SubscriptionQueryMessage<?, ?, ?> historyWatcher = emitter.subscriptionTo(
                new FindDrTestHistoryQuery(null, null, 0, 20), DrTestView.class);

        projection.on(started(first, Duration.ofMinutes(5)), 0);
        DrTestView firstStarted = find(first);
        projection.on(started(second, Duration.ofMinutes(7)), 0);
        DrTestView secondStarted = find(second);
        projection.on(new FailoverStepStartedEvent(first, PAYMENTS, FailoverStep.LOCK_SOURCE, 1, T0.plusSeconds(1)), 1);
        DrTestView firstStepStarted = find(first);
        projection.on(new FailoverStepCompletedEvent(first, FailoverStep.LOCK_SOURCE, 1, T0.plusSeconds(2),
                Map.of("region", "eu-west-1")), 2);
        DrTestView firstStepCompleted = find(first);
        projection.on(new FailoverStepStartedEvent(second, PAYMENTS, FailoverStep.LOCK_SOURCE, 1, T0.plusSeconds(3)), 1);
        DrTestView secondStepStarted = find(second);

        assertThat(emitter.count()).isEqualTo(5);
        assertThat(emitter.updatesFor(firstWatcher)).containsExactly(firstStarted, firstStepStarted, firstStepCompleted);
        assertThat(emitter.updatesFor(secondWatcher)).containsExactly(secondStarted, secondStepStarted);
        assertThat(emitter.updatesFor(historyWatcher)).isEmpty();
    }

    @Test
    void versionIsTheSequenceNumberOfTheLastAppliedEvent() {
        DrTestId test = DrTestId.random();
        SubscriptionQueryMessage<?, ?, ?> watcher = emitter.subscriptionTo(
                new FindDrTestQuery(test), DrTestView.class);
        List<Delivery> story = failedStory(test);

        for (Delivery delivery : story) {
            deliver(delivery);
            assertThat(find(test).version()).isEqualTo(delivery.seq());
        }
        deliver(story.get(2)); // an older event, redelivered

        assertThat(find(test).version()).isEqualTo(story.get(story.size() - 1).seq());
        assertThat(emitter.updatesFor(watcher)).extracting(update -> ((DrTestView) update).version())
                .containsExactlyElementsOf(story.stream().map(Delivery::seq).toList());
    }

    private DrTestView find(DrTestId test) {
        return projection.handle(new FindDrTestQuery(test));
    }

    @Test
    void aResumedTestRunsAgainFromItsFailedStep() {
        DrTestId test = DrTestId.random();
        failedStory(test).forEach(this::deliver);

        deliver(new Delivery(test, new FailoverResumedEvent(test, PAYMENTS, FailoverStep.PROVISION_NETWORK, 3,
                Actor.of("admin"), T0.plusSeconds(60)), 8));
        deliver(new Delivery(test, new FailoverStepStartedEvent(test, PAYMENTS, FailoverStep.PROVISION_NETWORK, 3,
                T0.plusSeconds(61)), 9));

        DrTestView view = find(test);
        assertThat(view.status()).isEqualTo(TestStatus.RUNNING);
        assertThat(view.failedStep()).isNull();
        assertThat(view.failureReason()).isNull();
        assertThat(view.endedAt()).isNull();
        StepView network = view.steps().get(FailoverStep.PROVISION_NETWORK.ordinal());
        assertThat(network.status()).isEqualTo(StepStatus.RUNNING);
        assertThat(network.attempt()).isEqualTo(3);
        assertThat(view.steps().get(FailoverStep.LOCK_SOURCE.ordinal()).status()).isEqualTo(StepStatus.COMPLETED);
    }

    private record Delivery(DrTestId testId, Object event, long seq) {
    }

    private void deliver(Delivery delivery) {
        Object event = delivery.event();
        long seq = delivery.seq();
        if (event instanceof FailoverStartedEvent e) {
            projection.on(e, seq);
        } else if (event instanceof FailoverStepStartedEvent e) {
            projection.on(e, seq);
        } else if (event instanceof FailoverStepCompletedEvent e) {
            projection.on(e, seq);
        } else if (event instanceof FailoverStepFailedEvent e) {
            projection.on(e, seq);
        } else if (event instanceof FailoverCompletedEvent e) {
            projection.on(e, seq);
        } else if (event instanceof FailoverFailedEvent e) {
            projection.on(e, seq);
        } else if (event instanceof FailoverResumedEvent e) {
            projection.on(e, seq);
        } else {
            throw new IllegalArgumentException("not a DrTest event: " + event);
        }
    }

    /** Every step started and completed, one attempt each, then the test completed 1900 s after its start. */
    private static List<Delivery> completedStory(DrTestId test) {
        List<Delivery> story = new ArrayList<>();
        story.add(new Delivery(test, started(test, Duration.ofMinutes(5)), 0));
        long seq = 1;
        for (FailoverStep step : FailoverStep.values()) {
            Instant at = T0.plusSeconds(100L * (step.ordinal() + 1));
            story.add(new Delivery(test, new FailoverStepStartedEvent(test, PAYMENTS, step, 1, at), seq++));
            Map<String, Object> facts = step == FailoverStep.VERIFY ? VERIFY_FACTS : Map.of("step", step.name());
            story.add(new Delivery(test, new FailoverStepCompletedEvent(test, step, 1, at.plusSeconds(50), facts), seq++));
        }
        story.add(new Delivery(test, new FailoverCompletedEvent(test, PAYMENTS, T0.plusSeconds(1900),
                Duration.ofSeconds(1900)), seq));
        return story;
    }

    /** The network step fails transiently, fails again for good, and the test fails 30 s after its start. */
    private static List<Delivery> failedStory(DrTestId test) {
        return List.of(
                new Delivery(test, started(test, Duration.ofMinutes(5)), 0),
                new Delivery(test, new FailoverStepStartedEvent(test, PAYMENTS, FailoverStep.LOCK_SOURCE, 1,
                        T0.plusSeconds(1)), 1),
                new Delivery(test, new FailoverStepCompletedEvent(test, FailoverStep.LOCK_SOURCE, 1, T0.plusSeconds(2),
                        Map.of("sourceDeploymentId", "dep-1", "region", "eu-west-1")), 2),
                new Delivery(test, new FailoverStepStartedEvent(test, PAYMENTS, FailoverStep.PROVISION_NETWORK, 1,
                        T0.plusSeconds(3)), 3),
                new Delivery(test, new FailoverStepFailedEvent(test, FailoverStep.PROVISION_NETWORK, 1,
                        T0.plusSeconds(10), "quota exceeded", true), 4),
                new Delivery(test, new FailoverStepStartedEvent(test, PAYMENTS, FailoverStep.PROVISION_NETWORK, 2,
                        T0.plusSeconds(20)), 5),
                new Delivery(test, new FailoverStepFailedEvent(test, FailoverStep.PROVISION_NETWORK, 2,
                        T0.plusSeconds(29), "no free CIDR", false), 6),
                new Delivery(test, new FailoverFailedEvent(test, PAYMENTS, FailoverStep.PROVISION_NETWORK,
                        "PROVISION_NETWORK failed on attempt 2: no free CIDR", T0.plusSeconds(30)), 7));
    }

    private static FailoverStartedEvent started(DrTestId test, Duration dataLossWindow) {
        return new FailoverStartedEvent(test, PAYMENTS, "Payments", Actor.of("dana"), T0, "quarterly rehearsal",
                Set.of("stakeholders-informed", "backup-verified"), "eu-west-1", "eu-central-1", BACKUP,
                dataLossWindow, CONFIGURATION, TARGETS);
    }
}
