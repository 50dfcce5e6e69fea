package io.rehearsal.query.history;

import com.mongodb.client.MongoDatabase;
import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestSummary;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FindDrTestHistoryQuery;
import io.rehearsal.api.ReportEditedEvent;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.StreamDrTestHistoryQuery;
import io.rehearsal.api.TestStatus;
import io.rehearsal.query.InProcessMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(InProcessMongo.class)
class DrTestHistoryProjectionTest {

    private static final EnvironmentId PAYMENTS = EnvironmentId.of("payments-prod");
    private static final EnvironmentId STOREFRONT = EnvironmentId.of("storefront-staging");
    private static final Instant DAY_ONE = Instant.parse("2025-01-06T09:00:00.250Z");

    // ids chosen out of start order, so "newest first" cannot pass by sorting on id
    private static final DrTestId P1 = DrTestId.of("90000000-0000-4000-8000-000000000001");
    private static final DrTestId S1 = DrTestId.of("10000000-0000-4000-8000-000000000002");
    private static final DrTestId P2 = DrTestId.of("80000000-0000-4000-8000-000000000003");
    private static final DrTestId S2 = DrTestId.of("20000000-0000-4000-8000-000000000004");
    private static final DrTestId P3 = DrTestId.of("70000000-0000-4000-8000-000000000005");
    private static final DrTestId S3 = DrTestId.of("30000000-0000-4000-8000-000000000006");
    private static final DrTestId P4 = DrTestId.of("60000000-0000-4000-8000-000000000007");

    private DrTestHistoryProjection projection;

    @BeforeEach
    void setUp(MongoDatabase database) {
        projection = new DrTestHistoryProjection(database);
        // seven tests, one a day, over two environments: P1 S1 P2 S2 P3 S3 P4 in start order
        completed(P1, PAYMENTS, 0);
        failed(S1, STOREFRONT, 1);
        completed(P2, PAYMENTS, 2);
        completed(S2, STOREFRONT, 3);
        failed(P3, PAYMENTS, 4);
        completed(S3, STOREFRONT, 5);
        started(P4, PAYMENTS, 6);
    }

    @Test
    void listsEveryTestNewestFirst() {
        DrTestHistoryPage page = projection.handle(new FindDrTestHistoryQuery(null, null, 0, 20));

        assertThat(page.items()).extracting(DrTestSummary::testId).containsExactly(P4, S3, P3, S2, P2, S1, P1);
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void summarisesEachTestWithItsTimesRtoRpoAndFailedStep() {
        DrTestHistoryPage page = projection.handle(new FindDrTestHistoryQuery(null, null, 0, 20));

        assertThat(page.items()).contains(
                new DrTestSummary(P2, PAYMENTS, "Payments", TestStatus.COMPLETED, Actor.of("dana"), day(2),
                        day(2).plusSeconds(1800), Duration.ofSeconds(1800), Duration.ofMinutes(20).plusMillis(2), null,
                        ReportResult.NOT_EVALUATED, null),
                new DrTestSummary(P3, PAYMENTS, "Payments", TestStatus.FAILED, Actor.of("dana"), day(4),
                        day(4).plusSeconds(300), null, Duration.ofMinutes(20).plusMillis(4), FailoverStep.RESTORE_DATABASE,
                        ReportResult.NOT_EVALUATED, null),
                new DrTestSummary(P4, PAYMENTS, "Payments", TestStatus.RUNNING, Actor.of("dana"), day(6), null, null,
                        Duration.ofMinutes(20).plusMillis(6), null, ReportResult.NOT_EVALUATED, null));
    }

    @Test
    void filtersByEnvironment() {
        DrTestHistoryPage page = projection.handle(new FindDrTestHistoryQuery(STOREFRONT, null, 0, 20));

        assertThat(page.items()).extracting(DrTestSummary::testId).containsExactly(S3, S2, S1);
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void filtersByStatus() {
        DrTestHistoryPage page = projection.handle(new FindDrTestHistoryQuery(null, TestStatus.COMPLETED, 0, 20));

        assertThat(page.items()).extracting(DrTestSummary::testId).containsExactly(S3, S2, P2, P1);
        assertThat(page.total()).isEqualTo(4);
    }

    @Test
    void filtersByEnvironmentAndStatusTogether() {
        DrTestHistoryPage failedPayments = projection.handle(new FindDrTestHistoryQuery(PAYMENTS, TestStatus.FAILED, 0, 20));
        DrTestHistoryPage runningStorefront = projection.handle(
                new FindDrTestHistoryQuery(STOREFRONT, TestStatus.RUNNING, 0, 20));

        assertThat(failedPayments.items()).extracting(DrTestSummary::testId).containsExactly(P3);
        assertThat(failedPayments.total()).isEqualTo(1);
        assertThat(runningStorefront.items()).isEmpty();
        assertThat(runningStorefront.total()).isZero();
    }

    @Test
    void filtersByTheCustomersVerdict() {
        verdict(P2, ReportResult.SUCCESSFUL);
        verdict(S2, ReportResult.UNSUCCESSFUL);
        verdict(S3, ReportResult.SUCCESSFUL);

        DrTestHistoryPage successful = projection.handle(query(null, null, ReportResult.SUCCESSFUL, null, null));
        DrTestHistoryPage notEvaluated = projection.handle(query(null, null, ReportResult.NOT_EVALUATED, null, null));

        assertThat(successful.items()).extracting(DrTestSummary::testId).containsExactly(S3, P2);
        assertThat(successful.total()).isEqualTo(2);
        assertThat(notEvaluated.items()).extracting(DrTestSummary::testId).containsExactly(P4, P3, S1, P1);
    }

    @Test
    void filtersByStartFromInclusiveToExclusive() {
        DrTestHistoryPage days2To4 = projection.handle(query(null, null, null, day(2), day(5)));
        DrTestHistoryPage fromDay5 = projection.handle(query(null, null, null, day(5), null));
        DrTestHistoryPage beforeDay1 = projection.handle(query(null, null, null, null, day(1)));
        DrTestHistoryPage empty = projection.handle(query(null, null, null, day(3), day(3)));

        assertThat(days2To4.items()).extracting(DrTestSummary::testId).containsExactly(P3, S2, P2);
        assertThat(days2To4.total()).isEqualTo(3);
        assertThat(fromDay5.items()).extracting(DrTestSummary::testId).containsExactly(P4, S3);
        assertThat(beforeDay1.items()).extracting(DrTestSummary::testId).containsExactly(P1);
        assertThat(empty.items()).isEmpty();
        assertThat(empty.total()).isZero();
    }

    @Test
    void combinesEnvironmentStatusVerdictAndStart() {
        verdict(P1, ReportResult.SUCCESSFUL);
        verdict(P2, ReportResult.SUCCESSFUL);
        verdict(S2, ReportResult.SUCCESSFUL);

        DrTestHistoryPage page = projection.handle(
                query(PAYMENTS, TestStatus.COMPLETED, ReportResult.SUCCESSFUL, day(1), day(6)));

        assertThat(page.items()).extracting(DrTestSummary::testId).containsExactly(P2);
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void streamsEveryMatchNewestFirstWithoutPages() {
        for (int day = 10; day < 40; day++) {
            completed(DrTestId.of(String.format("c%07d-0000-4000-8000-000000000000", day)), STOREFRONT, day);
        }

        try (var all = projection.handle(new StreamDrTestHistoryQuery(null, null, null, null, null));
             var storefrontSince3 = projection.handle(
                     new StreamDrTestHistoryQuery(STOREFRONT, TestStatus.COMPLETED, null, day(3), day(12)))) {
            assertThat(all.map(DrTestSummary::startedAt).toList()).hasSize(37)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(storefrontSince3.map(DrTestSummary::testId).toList()).containsExactly(
                    DrTestId.of("c0000011-0000-4000-8000-000000000000"),
                    DrTestId.of("c0000010-0000-4000-8000-000000000000"), S3, S2);
        }
    }

    @Test
    void pagesThroughTheHistoryWithTheTotalOnEveryPage() {
        DrTestHistoryPage first = projection.handle(new FindDrTestHistoryQuery(null, null, 0, 3));
        DrTestHistoryPage second = projection.handle(new FindDrTestHistoryQuery(null, null, 1, 3));
        DrTestHistoryPage last = projection.handle(new FindDrTestHistoryQuery(null, null, 2, 3));
        DrTestHistoryPage beyond = projection.handle(new FindDrTestHistoryQuery(null, null, 3, 3));

        assertThat(first.items()).extracting(DrTestSummary::testId).containsExactly(P4, S3, P3);
        assertThat(second.items()).extracting(DrTestSummary::testId).containsExactly(S2, P2, S1);
        assertThat(last.items()).extracting(DrTestSummary::testId).containsExactly(P1);
        assertThat(beyond.items()).isEmpty();
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(3);
        assertThat(first.total()).isEqualTo(7);
        assertThat(beyond.total()).isEqualTo(7);
    }

    @Test
    void pagesAFilteredHistory() {
        DrTestHistoryPage second = projection.handle(new FindDrTestHistoryQuery(PAYMENTS, null, 1, 2));

        assertThat(second.items()).extracting(DrTestSummary::testId).containsExactly(P2, P1);
        assertThat(second.total()).isEqualTo(4);
    }

    @Test
    void ordersTestsStartedAtTheSameInstantByIdSoPagesNeitherRepeatNorSkip() {
        DrTestId later = DrTestId.of("b0000000-0000-4000-8000-000000000000");
        DrTestId earlier = DrTestId.of("a0000000-0000-4000-8000-000000000000");
        started(later, STOREFRONT, 9);
        started(earlier, PAYMENTS, 9);

        assertThat(projection.handle(new FindDrTestHistoryQuery(null, null, 0, 1)).items())
                .extracting(DrTestSummary::testId).containsExactly(earlier);
        assertThat(projection.handle(new FindDrTestHistoryQuery(null, null, 1, 1)).items())
                .extracting(DrTestSummary::testId).containsExactly(later);
    }

    @Test
    void redeliveredStartAfterCompletionKeepsTheCompletedStatus() {
        DrTestSummary before = summaryOf(P2);

        projection.on(startedEvent(P2, PAYMENTS, 2), 0);

        assertThat(summaryOf(P2)).isEqualTo(before);
        assertThat(before.status()).isEqualTo(TestStatus.COMPLETED);
    }

    @Test
    void redeliveredEndEventsChangeNothing() {
        DrTestSummary completedBefore = summaryOf(P2);
        DrTestSummary failedBefore = summaryOf(P3);

        projection.on(new FailoverCompletedEvent(P2, PAYMENTS, day(2).plusSeconds(1800), Duration.ofSeconds(1800)), 19);
        projection.on(new FailoverFailedEvent(P3, PAYMENTS, FailoverStep.RESTORE_DATABASE, "restore failed",
                day(4).plusSeconds(300)), 6);

        assertThat(summaryOf(P2)).isEqualTo(completedBefore);
        assertThat(summaryOf(P3)).isEqualTo(failedBefore);
    }

    private DrTestSummary summaryOf(DrTestId test) {
        return projection.handle(new FindDrTestHistoryQuery(null, null, 0, 50)).items().stream()
                .filter(summary -> summary.testId().equals(test)).findFirst().orElseThrow();
    }

    private static FindDrTestHistoryQuery query(EnvironmentId environment, TestStatus status, ReportResult result,
                                                Instant from, Instant to) {
        return new FindDrTestHistoryQuery(environment, status, result, from, to, 0, 20);
    }

    /** An operator's verdict on a completed test, the event after its completion (seq 20). */
    private void verdict(DrTestId test, ReportResult result) {
        projection.on(new ReportEditedEvent(test, List.of(new ReportEditedEvent.Change("result",
                ReportResult.NOT_EVALUATED.name(), result.name())), Actor.of("dana"), Instant.now()), 20);
    }

    private void started(DrTestId test, EnvironmentId environment, int day) {
        projection.on(startedEvent(test, environment, day), 0);
    }

    /** Started, nine steps (seq 1 to 18), completed at seq 19, 30 minutes after the start. */
    private void completed(DrTestId test, EnvironmentId environment, int day) {
        started(test, environment, day);
        projection.on(new FailoverCompletedEvent(test, environment, day(day).plusSeconds(1800),
                Duration.ofSeconds(1800)), 19);
    }

    /** Started, then failed at seq 6 restoring the database, 5 minutes after the start. */
    private void failed(DrTestId test, EnvironmentId environment, int day) {
        started(test, environment, day);
        projection.on(new FailoverFailedEvent(test, environment, FailoverStep.RESTORE_DATABASE, "restore failed",
                day(day).plusSeconds(300)), 6);
    }

    private static FailoverStartedEvent startedEvent(DrTestId test, EnvironmentId environment, int day) {
        String name = environment.equals(PAYMENTS) ? "Payments" : "Storefront";
        return new FailoverStartedEvent(test, environment, name, Actor.of("dana"), day(day), "rehearsal", Set.of(),
                "eu-west-1", "eu-central-1", new BackupRef("snap-" + day, day(day).minusSeconds(1200)),
                Duration.ofMinutes(20).plusMillis(day), null, null);
    }

    private static Instant day(int day) {
        return DAY_ONE.plus(Duration.ofDays(day));
    }
}
