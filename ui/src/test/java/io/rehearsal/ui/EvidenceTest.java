package io.rehearsal.ui;

import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.NextStep;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The evidence a completed test leaves: its report, the verdict an operator edits, and the next steps. */
class EvidenceTest extends RunningApplicationTest {

    private static final String ENV = "globex-staging";

    @Test
    void aCompletedTestsReportHoldsTimesAgainstTargetsParityAndKeptConfiguration() {
        String testId = completedTest();

        DrTestReport report = report(testId, null);
        assertThat(report.status()).isEqualTo(TestStatus.COMPLETED);
        assertThat(report.automatedRto()).isPositive();
        assertThat(report.automatedRtoVerdict()).isEqualTo(DrTestReport.Verdict.MET);
        assertThat(report.rpoVerdict()).isEqualTo(DrTestReport.Verdict.MET);
        assertThat(report.fullRtoVerdict()).isEqualTo(DrTestReport.Verdict.PENDING);
        assertThat(report.parity()).hasSizeGreaterThanOrEqualTo(10).allSatisfy(row -> assertThat(row.match()).isTrue());
        assertThat(report.keptConfiguration()).isEqualTo(report.sourceConfiguration().kept());
        assertThat(report.result()).isEqualTo(ReportResult.NOT_EVALUATED);
        assertThat(report.nextSteps()).hasSize(NextStep.values().length)
                .allSatisfy(step -> assertThat(step.state()).isEqualTo(NextStep.State.OPEN));
    }

    @Test
    void aChangeAnswersOnlyOnceTheReportShowsIt() {
        String testId = completedTest();
        for (int i = 0; i < 20; i++) {
            String text = "observation " + i;
            edit("operator", testId, Map.of("observations", text)).expectStatus().isNoContent();
            assertThat(report(testId, null).observations()).as("read right after the edit that answered").isEqualTo(text);
        }
        NextStep step = NextStep.values()[0];
        as("operator").post().uri("/api/dr-tests/{id}/next-steps/{step}", testId, step.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("state", "DONE", "note", "read back"))
                .exchange().expectStatus().isNoContent();
        assertThat(report(testId, null).nextSteps()).filteredOn(s -> s.id().equals(step.id()))
                .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(NextStep.State.DONE));
    }

    @Test
    void theReportDownloadsAsAPdfWithItsContents() throws Exception {
        String testId = completedTest();
        edit("operator", testId, Map.of("result", "SUCCESSFUL_WITH_ISSUES", "observations", "DNS <slow> & late"))
                .expectStatus().isNoContent();
        await().atMost(DEADLINE).until(() -> report(testId, null).edits().size() == 1);

        byte[] pdf = as("auditor").get().uri("/api/dr-tests/{id}/report.pdf", testId).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"dr-test-.*\\.pdf\"")
                .expectBody(byte[].class).returnResult().getResponseBody();

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Disaster-recovery test report", "Globex Staging", testId,
                    "RESTORE_DATABASE", "SUCCESSFUL_WITH_ISSUES", "DNS <slow> & late", "Recreate the VPN",
                    "database.engine", "Page 1 of");
        }
        as("auditor").get().uri("/api/dr-tests/0f0e0d0c-0000-4000-8000-000000000000/report.pdf").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void closingEveryNextStepGivesTheFullRto() {
        String testId = completedTest();
        for (NextStep step : NextStep.values()) {
            String state = step.how() == NextStep.How.SELF_SERVICE ? "DONE" : "NOT_APPLICABLE";
            updateNextStep("operator", testId, step.id(), Map.of("state", state, "note", "handled: " + step.id()))
                    .expectStatus().isNoContent();
        }

        await().atMost(DEADLINE).until(() -> report(testId, null).fullyRestoredAt() != null);
        DrTestReport report = report(testId, null);
        assertThat(report.fullRto()).isGreaterThanOrEqualTo(report.automatedRto());
        assertThat(report.fullRtoVerdict()).isEqualTo(DrTestReport.Verdict.MET);
        assertThat(report.nextSteps()).allSatisfy(step -> {
            assertThat(step.state()).isNotEqualTo(NextStep.State.OPEN);
            assertThat(step.updatedBy().name()).isEqualTo("operator");
            assertThat(step.note()).isEqualTo("handled: " + step.id());
        });
        as("auditor").get().uri("/api/dr-tests/{id}/next-steps", testId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.fullRto").isNotEmpty().jsonPath("$.nextSteps.length()").isEqualTo(8)
                // the report's version they are read from: a client that saw a later test knows they are behind
                .jsonPath("$.version").isEqualTo((int) report.version());
    }

    @Test
    void aReportEditedThreeTimesReadsAsItStoodAtEachMoment() {
        String testId = completedTest();
        Instant[] moments = new Instant[3];
        String[][] edits = {{"annual DR test", "SUCCESSFUL", ""},
                {"annual DR test", "SUCCESSFUL_WITH_ISSUES", "DNS rules took an hour"},
                {"annual DR test for the auditors", "SUCCESSFUL_WITH_ISSUES", "DNS rules took an hour"}};
        for (int i = 0; i < 3; i++) {
            edit("operator", testId, Map.of("reason", edits[i][0], "result", edits[i][1],
                    "observations", edits[i][2])).expectStatus().isNoContent();
            moments[i] = Instant.now();
        }

        for (int i = 0; i < 3; i++) {
            DrTestReport then = report(testId, moments[i]);
            assertThat(then.asOf()).isEqualTo(moments[i]);
            assertThat(then.reason()).isEqualTo(edits[i][0]);
            assertThat(then.result()).isEqualTo(ReportResult.valueOf(edits[i][1]));
            assertThat(then.observations()).isEqualTo(edits[i][2]);
            assertThat(then.edits()).hasSize(i + 1);
        }
        await().atMost(DEADLINE).until(() -> report(testId, null).edits().size() == 3);
        DrTestReport now = report(testId, null);
        assertThat(now.edits().get(1).changes()).extracting("attribute", "from", "to").containsExactly(
                org.assertj.core.groups.Tuple.tuple("result", "SUCCESSFUL", "SUCCESSFUL_WITH_ISSUES"),
                org.assertj.core.groups.Tuple.tuple("observations", "", "DNS rules took an hour"));
        assertThat(now.edits()).allSatisfy(e -> assertThat(e.by().name()).isEqualTo("operator"));

        long events = storedEvents();
        edit("operator", testId, Map.of("result", "SUCCESSFUL_WITH_ISSUES")).expectStatus().isNoContent();
        assertThat(storedEvents()).as("an edit that changes nothing records nothing").isEqualTo(events);
    }

    @Test
    void editsThatMayNotOrCannotBeMadeChangeNothing() {
        String testId = completedTest();
        long events = storedEvents();
        edit("auditor", testId, Map.of("result", "SUCCESSFUL")).expectStatus().isForbidden();
        edit("operator", testId, Map.of("reason", "r".repeat(501))).expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY).expectBody().jsonPath("$.detail").value(d ->
                        assertThat(d.toString()).contains("at most 500"));
        edit("operator", testId, Map.of("observations", "o".repeat(10_001))).expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        edit("operator", testId, Map.of("result", "GREAT")).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("NOT_EVALUATED"));
        updateNextStep("operator", testId, "make-coffee", Map.of("state", "DONE")).expectStatus().isNotFound();
        updateNextStep("operator", testId, "recreate-vpn", Map.of("state", "FINISHED")).expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        updateNextStep("auditor", testId, "recreate-vpn", Map.of("state", "DONE")).expectStatus().isForbidden();
        assertThat(storedEvents()).isEqualTo(events);
        report("auditor", testId, "yesterday").expectStatus().isBadRequest();
    }

    @Test
    void aRunningTestHasNoNextStepsToClose() {
        gate.hold(ENV);
        try {
            String testId = startTest(ENV, "Globex Staging");
            updateNextStep("operator", testId, "recreate-vpn", Map.of("state", "DONE"))
                    .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("RUNNING"));
        } finally {
            gate.release(ENV);
        }
        awaitIdle(ENV);
    }

    private String completedTest() {
        String testId = startTest(ENV, "Globex Staging");
        awaitIdle(ENV);
        await().atMost(DEADLINE).until(() -> as("auditor").get().uri("/api/dr-tests/{id}/report", testId).exchange()
                .returnResult(DrTestReport.class).getResponseBody().blockFirst().status() == TestStatus.COMPLETED);
        return testId;
    }

    private DrTestReport report(String testId, Instant asOf) {
        return report("auditor", testId, asOf == null ? null : asOf.toString()).expectStatus().isOk()
                .expectBody(DrTestReport.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec report(String user, String testId, String asOf) {
        return as(user).get().uri(b -> {
            b.path("/api/dr-tests/{id}/report");
            if (asOf != null) {
                b.queryParam("asOf", asOf);
            }
            return b.build(testId);
        }).exchange();
    }

    private WebTestClient.ResponseSpec edit(String user, String testId, Map<String, String> body) {
        return as(user).put().uri("/api/dr-tests/{id}/report", testId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new HashMap<>(body)).exchange();
    }

    private WebTestClient.ResponseSpec updateNextStep(String user, String testId, String stepId, Map<String, String> body) {
        return as(user).post().uri("/api/dr-tests/{id}/next-steps/{step}", testId, stepId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(new HashMap<>(body)).exchange();
    }
}
