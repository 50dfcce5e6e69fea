package io.rehearsal.ui;

import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.StepView;
import io.rehearsal.api.TestStatus;
import io.rehearsal.command.infrastructure.simulated.SimulatedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A DR tool is judged on its worst day: steps that fail, fail again, or hang. Through HTTP, with the simulator's
 * faults, short backoffs and short timeouts.
 */
@TestPropertySource(properties = {
        "rehearsal.failover.defaults.initial-backoff=100ms",
        "rehearsal.failover.defaults.timeout=5s",
        "rehearsal.failover.steps.CREATE_DNS.timeout=2s"})
class FaultToleranceTest extends RunningApplicationTest {

    @Autowired
    SimulatedInfrastructure simulator;

    @AfterEach
    void clearFaults() {
        setFaults("admin", "").expectStatus().isOk();
    }

    @Test
    void aStepThatFailsTwiceCompletesOnItsThirdAttempt() {
        setFaults("admin", "RESTORE_DATABASE=fail-2").expectStatus().isOk();

        String testId = startTest("acme-preprod", "ACME Pre-Production");
        DrTestView done = awaitStatus(testId, TestStatus.COMPLETED);

        assertThat(done.steps()).allSatisfy(step -> assertThat(step.attempt())
                .isEqualTo(step.step() == FailoverStep.RESTORE_DATABASE ? 3 : 1));
        awaitIdle("acme-preprod");
    }

    @Test
    void aStepThatAlwaysFailsEndsTheTestFailedAndAnAdminResumesItOnceTheFaultIsCleared() {
        String env = "globex-staging";
        setFaults("admin", "VERIFY=fail-always").expectStatus().isOk();
        String testId = startTest(env, "Globex Staging");

        DrTestView failed = awaitStatus(testId, TestStatus.FAILED);
        assertThat(failed.failedStep()).isEqualTo(FailoverStep.VERIFY);
        assertThat(failed.failureReason()).contains("VERIFY").contains("gave up after 3 of 3 attempts");
        assertThat(step(failed, FailoverStep.VERIFY).status()).isEqualTo(StepStatus.FAILED);
        assertThat(environment(env).available()).as("a failed test leaves the environment unavailable").isFalse();

        resume("operator", testId).expectStatus().isForbidden();
        setFaults("operator", "").expectStatus().isForbidden();
        setFaults("admin", "").expectStatus().isOk();
        resume("admin", testId).expectStatus().isAccepted();

        DrTestView resumed = awaitStatus(testId, TestStatus.COMPLETED);
        assertThat(step(resumed, FailoverStep.VERIFY).attempt()).isEqualTo(4);
        for (FailoverStep earlier : new FailoverStep[]{FailoverStep.LOCK_SOURCE, FailoverStep.RESTORE_DATABASE,
                FailoverStep.APPLY_KEPT_CONFIGURATION}) {
            assertThat(step(resumed, earlier).attempt()).isEqualTo(1);
            assertThat(simulator.timesExecuted(DrTestId.of(testId), earlier)).as(earlier + " not repeated").isEqualTo(1);
        }
        awaitIdle(env);
    }

    @Test
    void aHangingStepTimesOutAndFailsTheTestNamingTheStep() {
        String env = "umbrella-qa";
        setFaults("admin", "CREATE_DNS=hang").expectStatus().isOk();
        String testId = startTest(env, "Umbrella QA");

        DrTestView failed = awaitStatus(testId, TestStatus.FAILED);
        assertThat(failed.failedStep()).isEqualTo(FailoverStep.CREATE_DNS);
        assertThat(failed.failureReason()).contains("CREATE_DNS").contains("timed out after 2s");

        setFaults("admin", "").expectStatus().isOk();
        resume("admin", testId).expectStatus().isAccepted();
        awaitStatus(testId, TestStatus.COMPLETED);
        awaitIdle(env);
    }

    @Test
    void onlyAFailedTestCanBeResumed() {
        String env = "stark-portal-preprod";
        gate.hold(env);
        try {
            String running = startTest(env, "Stark Portal Pre-Production");
            resume("admin", running).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("RUNNING"));
            gate.release(env);
            awaitIdle(env);
            resume("admin", running).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("COMPLETED"));
        } finally {
            gate.release(env);
        }
        resume("admin", "0f0e0d0c-0000-4000-8000-000000000000").expectStatus().isNotFound();
    }

    @Test
    void aRestoreThatDriftsFromTheSourceShowsAsAParityFindingInTheReportAndItsPdf() throws Exception {
        String env = "acme-prod";
        setFaults("admin", "RESTORE_DATABASE=drift").expectStatus().isOk();
        String testId = startTest(env, environment(env).displayName());
        awaitStatus(testId, TestStatus.COMPLETED);
        awaitIdle(env);
        String restoredClass = (String) step(progress(testId), FailoverStep.RESTORE_DATABASE).facts().get("instanceClass");

        DrTestReport report = await().atMost(DEADLINE).until(() -> as("auditor").get()
                .uri("/api/dr-tests/{id}/report", testId).exchange().expectBody(DrTestReport.class).returnResult()
                .getResponseBody(), r -> r != null && !r.parity().isEmpty());
        String sourceClass = report.sourceConfiguration().database().instanceClass();
        assertThat(restoredClass).as("the drifted restore reported another class").isNotEqualTo(sourceClass);
        assertThat(report.parity()).filteredOn(row -> !row.match()).singleElement().isEqualTo(
                new DrTestReport.ParityRow("database.instanceClass", sourceClass, restoredClass, false));

        byte[] pdf = as("auditor").get().uri("/api/dr-tests/{id}/report.pdf", testId).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Findings: 1 item(s) differ from the source: database.instanceClass",
                    restoredClass, "MISMATCH");
        }
    }

    @Test
    void faultsThatCannotBeReadAre422AndChangeNothing() {
        setFaults("admin", "VERIFY=fail-1").expectStatus().isOk();
        setFaults("admin", "VERIFY=sometimes").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("unknown fault"));
        as("admin").get().uri("/api/admin/simulator/faults").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.faults").isEqualTo("VERIFY=fail-1");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec setFaults(String user, String faults) {
        return as(user).put().uri("/api/admin/simulator/faults").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("faults", faults)).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec resume(String user, String testId) {
        return as(user).post().uri("/api/dr-tests/{id}/resume", testId).exchange();
    }

    private static StepView step(DrTestView view, FailoverStep step) {
        return view.steps().get(step.ordinal());
    }
}
