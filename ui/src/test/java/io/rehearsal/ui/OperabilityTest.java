package io.rehearsal.ui;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator of Rehearsal itself sees: probes, metrics, the API description, and logs by test. */
class OperabilityTest extends RunningApplicationTest {

    @Test
    void probesAnswerWithoutCredentialsAndAnAdminSeesTheStoresBehindReadiness() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        as("admin").get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.projectionStore.status").isEqualTo("UP");
        as("operator").get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components").doesNotExist();
    }

    @Test
    void metricsCountTestsAndTimeStepsForPrometheus() {
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        String env = "umbrella-qa";
        startTest(env, "Umbrella QA");
        awaitIdle(env);

        String metrics = as("operator").mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("rehearsal_tests_started_total\\{[^}]*} [1-9]")
                .containsPattern("rehearsal_tests_completed_total\\{[^}]*} [1-9]")
                .contains("rehearsal_tests_failed_total")
                .containsPattern("rehearsal_step_duration_seconds_count\\{[^}]*outcome=\"completed\",step=\"RESTORE_DATABASE\"")
                .containsPattern("rehearsal_step_attempts_count\\{[^}]*step=\"VERIFY\"")
                .contains("eventProcessor_latency{", "processorName=\"dr-test-progress\"");
        assertThat(metrics.length()).as("a scrape stays small").isLessThan(256 * 1024);
    }

    @Test
    void theHttpApiIsDescribedInOpenApi() {
        String doc = web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(doc).contains("\"/api/environments/{envId}/dr-tests\"", "\"/api/dr-tests/{testId}/stream\"",
                "\"/api/dr-tests/{testId}/resume\"", "\"/api/dr-tests\"");
    }

    @Test
    void everyLogLineAboutATestCarriesItsId() {
        Logger executorLog = (Logger) LoggerFactory.getLogger("io.rehearsal.command.failover.FailoverStepExecutor");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        executorLog.addAppender(lines);
        try {
            String env = "stark-portal-preprod";
            String testId = startTest(env, "Stark Portal Pre-Production");
            awaitIdle(env);

            List<ILoggingEvent> aboutTheTest = lines.list.stream()
                    .filter(e -> e.getFormattedMessage().contains(testId)).toList();
            assertThat(aboutTheTest).hasSizeGreaterThanOrEqualTo(9)
                    .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("testId", testId));
        } finally {
            executorLog.detachAppender(lines);
        }
    }
}
