package io.rehearsal.ui;

import io.rehearsal.api.ComplianceReport;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.TestStatus;
import io.rehearsal.api.Trend;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What compliance asks of the views: who is tested, with what verdict, what is due, and how times trend. */
class ComplianceReportingTest extends RunningApplicationTest {

    private static final String ENV = "umbrella-qa";

    @Test
    void anEnvironmentTestedAndJudgedIsDueAgainAfterItsIntervalAndTheCountsShowIt() {
        Instant before = Instant.now().minusSeconds(1);
        String testId = startTest(ENV, "Umbrella QA");
        awaitIdle(ENV);
        as("operator").put().uri("/api/dr-tests/{id}/report", testId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("result", "SUCCESSFUL")).exchange().expectStatus().isNoContent();

        await().atMost(DEADLINE).until(() -> row(compliance(before)).lastTest() != null
                && row(compliance(before)).lastTest().result() == ReportResult.SUCCESSFUL);
        ComplianceReport report = compliance(before);
        ComplianceReport.EnvironmentCompliance umbrella = row(report);
        assertThat(umbrella.lastTest().testId().value()).isEqualTo(testId);
        assertThat(umbrella.lastTest().status()).isEqualTo(TestStatus.COMPLETED);
        assertThat(umbrella.nextTestDue()).isEqualTo(umbrella.lastTest().startedAt().plus(Duration.ofDays(365)));
        assertThat(umbrella.overdue()).isFalse();
        assertThat(report.testsByStatus().get(TestStatus.COMPLETED)).isGreaterThanOrEqualTo(1);
        assertThat(report.testsByResult().get(ReportResult.SUCCESSFUL)).isGreaterThanOrEqualTo(1);
        assertThat(report.environments()).filteredOn(e -> e.environmentId().value().equals("initech-dev"))
                .singleElement().satisfies(dev -> {
                    assertThat(dev.drEnabled()).isFalse();
                    assertThat(dev.overdue()).as("no DR, nothing due").isFalse();
                });

        Trend trend = as("auditor").get().uri("/api/environments/{id}/trend", ENV).exchange().expectStatus().isOk()
                .expectBody(Trend.class).returnResult().getResponseBody();
        assertThat(trend.points()).anySatisfy(point -> {
            assertThat(point.testId().value()).isEqualTo(testId);
            assertThat(point.automatedRto()).isPositive();
            assertThat(point.rpo()).isPositive();
        });
        assertThat(trend.targets().rto()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void badPeriodsAndUnknownEnvironmentsAreRefused() {
        as("auditor").get().uri("/api/reports/compliance?from=last-week").exchange().expectStatus().isBadRequest();
        as("auditor").get().uri("/api/reports/compliance?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                .exchange().expectStatus().isBadRequest();
        as("auditor").get().uri("/api/environments/nowhere/trend").exchange().expectStatus().isNotFound();
    }

    private ComplianceReport compliance(Instant from) {
        return as("auditor").get().uri("/api/reports/compliance?from={from}", from.toString()).exchange()
                .expectStatus().isOk().expectBody(ComplianceReport.class).returnResult().getResponseBody();
    }

    private static ComplianceReport.EnvironmentCompliance row(ComplianceReport report) {
        return report.environments().stream().filter(e -> e.environmentId().value().equals(ENV)).findFirst()
                .orElseThrow();
    }
}
