package io.rehearsal.ui;

import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestSummary;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The history filtered by verdict and start, with environment and status, and its CSV export. */
class HistoryFiltersTest extends RunningApplicationTest {

    private static final String ENV = "umbrella-qa"; // no other test reads every event of its environment
    private static final String NAME = "Umbrella QA";

    /** Three completed tests, one after the other: a successful, an unsuccessful, and one started by @evil. */
    private static DrTestSummary successful;
    private static DrTestSummary unsuccessful;
    private static DrTestSummary byEvil;

    @BeforeEach
    void threeJudgedTests() {
        if (successful != null) {
            return;
        }
        awaitIdle(ENV);
        String a = completed("operator", ReportResult.SUCCESSFUL);
        String b = completed("operator", ReportResult.UNSUCCESSFUL);
        String c = completed("@evil", null);
        successful = summary(a);
        unsuccessful = summary(b);
        byEvil = summary(c);
    }

    @Test
    void filtersByTheCustomersVerdict() {
        List<DrTestSummary> successes = history("environmentId=" + ENV + "&result=SUCCESSFUL").items();
        List<DrTestSummary> failures = history("environmentId=" + ENV + "&result=UNSUCCESSFUL").items();
        List<DrTestSummary> notEvaluated = history("result=NOT_EVALUATED&size=200").items();

        assertThat(successes).contains(successful).doesNotContain(unsuccessful, byEvil)
                .allSatisfy(t -> assertThat(t.result()).isEqualTo(ReportResult.SUCCESSFUL));
        assertThat(failures).contains(unsuccessful).doesNotContain(successful, byEvil)
                .allSatisfy(t -> assertThat(t.result()).isEqualTo(ReportResult.UNSUCCESSFUL));
        assertThat(notEvaluated).contains(byEvil)
                .allSatisfy(t -> assertThat(t.result()).isEqualTo(ReportResult.NOT_EVALUATED));
    }

    @Test
    void filtersByStartFromInclusiveToExclusive() {
        assertThat(ids(history("from=" + unsuccessful.startedAt() + "&to=" + byEvil.startedAt())))
                .containsExactly(unsuccessful.testId());
        assertThat(ids(history("environmentId=" + ENV + "&from=" + unsuccessful.startedAt())))
                .containsExactly(byEvil.testId(), unsuccessful.testId());
        assertThat(ids(history("environmentId=" + ENV + "&to=" + unsuccessful.startedAt())))
                .contains(successful.testId()).doesNotContain(unsuccessful.testId(), byEvil.testId());
        DrTestHistoryPage none = history("from=" + successful.startedAt() + "&to=" + successful.startedAt());
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
    }

    @Test
    void combinesEveryFilter() {
        String range = "&from=" + successful.startedAt() + "&to=" + byEvil.startedAt().plusMillis(1);
        assertThat(ids(history("environmentId=" + ENV + "&status=COMPLETED&result=SUCCESSFUL" + range)))
                .containsExactly(successful.testId());
        assertThat(ids(history("environmentId=" + ENV + "&status=COMPLETED&result=NOT_EVALUATED" + range)))
                .containsExactly(byEvil.testId());
        assertThat(history("environmentId=" + ENV + "&status=FAILED" + range).items()).isEmpty();
        assertThat(history("environmentId=acme-prod&result=UNSUCCESSFUL" + range).items()).isEmpty();
    }

    @Test
    void badFiltersAre400ProblemsThatNameTheParameter() {
        for (String path : List.of("/api/dr-tests", "/api/dr-tests/export.csv")) {
            refused(path + "?result=GREAT", "result", "SUCCESSFUL_WITH_ISSUES");
            refused(path + "?result=successful", "result");
            refused(path + "?status=DONE", "status");
            refused(path + "?from=yesterday", "from");
            refused(path + "?to=2026-13-01T00:00:00Z", "to");
            refused(path + "?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from", "to");
            refused(path + "?environmentId=Not%20An%20Id", "environmentId");
        }
        refused("/api/dr-tests?size=0", "size");
        web.get().uri("/api/dr-tests/export.csv").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theCsvExportHoldsEveryMatchNewestFirstWithItsHeader() {
        String csv = as("auditor").get().uri("/api/dr-tests/export.csv?environmentId={env}", ENV).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"dr-test-history.csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        List<List<String>> rows = parseCsv(csv);

        assertThat(rows.get(0)).containsExactly("testId", "environmentId", "environmentName", "status", "result",
                "startedBy", "startedAt", "endedAt", "rtoSeconds", "fullRtoSeconds", "rpoSeconds", "failedStep");
        List<String> ids = rows.stream().skip(1).map(row -> row.get(0)).toList();
        assertThat(ids).hasSize((int) history("environmentId=" + ENV).total())
                .containsSubsequence(byEvil.testId().value(), unsuccessful.testId().value(),
                        successful.testId().value());
        List<String> row = rows.stream().filter(r -> r.get(0).equals(successful.testId().value())).findFirst()
                .orElseThrow();
        assertThat(row).containsExactly(successful.testId().value(), ENV, NAME, "COMPLETED", "SUCCESSFUL",
                "operator", successful.startedAt().toString(), successful.endedAt().toString(),
                seconds(successful.rto()), "", seconds(successful.rpo()), "");
        assertThat(new BigDecimal(row.get(8))).isPositive();
    }

    @Test
    void theCsvExportAppliesTheFiltersAndNeutralisesFormulas() {
        String csv = as("auditor").get().uri("/api/dr-tests/export.csv?environmentId={env}&from={from}&to={to}",
                        ENV, unsuccessful.startedAt(), byEvil.startedAt().plusMillis(1)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<List<String>> rows = parseCsv(csv);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get(0)).isEqualTo(byEvil.testId().value());
        assertThat(rows.get(1).get(5)).as("a user name a spreadsheet would run").isEqualTo("'@evil");
        assertThat(rows.get(2).get(0)).isEqualTo(unsuccessful.testId().value());
        assertThat(rows.get(2).get(4)).isEqualTo("UNSUCCESSFUL");
        assertThat(csv).doesNotContain(",\"@evil\"");

        String onlyHeader = as("auditor").get().uri("/api/dr-tests/export.csv?result=SUCCESSFUL&status=FAILED")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(parseCsv(onlyHeader)).hasSize(1);
    }

    private String completed(String user, ReportResult verdict) {
        Map<?, ?> body = start(user, ENV, startBody(NAME)).expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        String testId = (String) body.get("testId");
        awaitStatus(testId, TestStatus.COMPLETED);
        awaitIdle(ENV);
        if (verdict != null) {
            as("operator").put().uri("/api/dr-tests/{id}/report", testId).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("result", verdict.name())).exchange().expectStatus().isNoContent();
        }
        ReportResult expected = verdict == null ? ReportResult.NOT_EVALUATED : verdict;
        await().atMost(DEADLINE).until(() -> summaryOrNull(testId) != null
                && summaryOrNull(testId).result() == expected && summaryOrNull(testId).status() == TestStatus.COMPLETED);
        return testId;
    }

    private DrTestSummary summary(String testId) {
        DrTestSummary summary = summaryOrNull(testId);
        assertThat(summary).isNotNull();
        return summary;
    }

    private DrTestSummary summaryOrNull(String testId) {
        return history("environmentId=" + ENV + "&size=200").items().stream()
                .filter(t -> t.testId().value().equals(testId)).findFirst().orElse(null);
    }

    private DrTestHistoryPage history(String query) {
        return as("auditor").get().uri("/api/dr-tests?" + query).exchange()
                .expectStatus().isOk().expectBody(DrTestHistoryPage.class).returnResult().getResponseBody();
    }

    private void refused(String uri, String... named) {
        as("auditor").get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .as(uri).contains(named).doesNotContain("java.", "Exception"));
    }

    private static List<DrTestId> ids(DrTestHistoryPage page) {
        return page.items().stream().map(DrTestSummary::testId).toList();
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
