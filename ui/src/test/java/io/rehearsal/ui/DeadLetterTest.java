package io.rehearsal.ui;

import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.TestStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection handler that keeps failing on one test's events sets them aside instead of holding up the others:
 * the reports run on one segment here, so without the dead-letter queue every later test's report would wait
 * behind the poisoned event forever.
 */
@TestPropertySource(properties = "axon.eventhandling.processors.reports.initial-segment-count=1")
@Import(DeadLetterTest.Poison.Config.class)
class DeadLetterTest extends RunningApplicationTest {

    private static final String POISONED = "umbrella-qa";
    private static final String HEALTHY = "stark-portal-preprod";

    @Autowired
    Poison poison;

    @AfterEach
    void cure() {
        poison.environment = null;
    }

    @Test
    void aPoisonedEventIsSetAsideWithItsTestsLaterEventsOtherTestsFlowOnAndAnAdminRetriesIt() {
        poison.environment = POISONED;
        String poisoned = startTest(POISONED, "Umbrella QA");
        awaitStatus(poisoned, TestStatus.COMPLETED);
        awaitIdle(POISONED);

        // a test started after it, on the same single segment of the reports, still gets its report
        String healthy = startTest(HEALTHY, "Stark Portal Pre-Production");
        awaitStatus(healthy, TestStatus.COMPLETED);
        await().atMost(DEADLINE).until(() -> report(healthy) != null && report(healthy).status() == TestStatus.COMPLETED);
        assertStuckAtItsStart(report(poisoned));

        List<Map<String, Object>> letters = await().atMost(DEADLINE).until(() -> deadLetters(poisoned),
                l -> l.size() == storedEventsOf(poisoned));
        assertThat(letters.get(0)).containsEntry("processingGroup", "reports").containsEntry("position", 0)
                .containsEntry("eventType", "FailoverStartedEvent").containsEntry("eventSequenceNumber", 0)
                .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains("poisoned report of " + POISONED));
        // in the order of the test's events: the first the handler failed on, then every later one behind it
        assertThat(letters).extracting(l -> l.get("position")).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, letters.size()).boxed().toList());
        assertThat(letters).extracting(l -> l.get("eventSequenceNumber")).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, letters.size()).boxed().toList());
        assertThat(letters.subList(1, letters.size())).allSatisfy(l -> assertThat(l.get("reason").toString())
                .contains("waits behind an earlier event"));
        as("operator").get().uri("/api/admin/dead-letters").exchange().expectStatus().isForbidden();

        // still failing: the retry answers so and keeps every letter
        retry("reports").expectStatus().isOk().expectBody()
                .jsonPath("$.sequencesCleared").isEqualTo(0).jsonPath("$.sequencesStillFailing").isEqualTo(1)
                .jsonPath("$.remaining").isEqualTo(letters.size());
        assertStuckAtItsStart(report(poisoned));

        poison.environment = null;
        retry("reports").expectStatus().isOk().expectBody()
                .jsonPath("$.sequencesCleared").isEqualTo(1).jsonPath("$.sequencesStillFailing").isEqualTo(0)
                .jsonPath("$.remaining").isEqualTo(0);
        DrTestReport recovered = report(poisoned);
        assertThat(recovered).isNotNull();
        assertThat(recovered.status()).as("%s", recovered).isEqualTo(TestStatus.COMPLETED);
        assertThat(recovered.version()).isEqualTo(storedEventsOf(poisoned) - 1);
        assertThat(deadLetters(poisoned)).isEmpty();

        retry("no-such-group").expectStatus().isEqualTo(HttpStatus.NOT_FOUND).expectBody()
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("no-such-group").contains("reports"));
    }

    /**
     * The poisoned test's report has none of its later events: absent, or (when the report's own handler ran before
     * the failing one on the first event) as it stood after that first event.
     */
    private static void assertStuckAtItsStart(DrTestReport report) {
        if (report != null) {
            assertThat(report.version()).as("the report's last event").isZero();
            assertThat(report.status()).isEqualTo(TestStatus.RUNNING);
        }
    }

    private DrTestReport report(String testId) {
        var result = as("auditor").get().uri("/api/dr-tests/{id}/report", testId).exchange()
                .returnResult(DrTestReport.class);
        return result.getStatus().is2xxSuccessful() ? result.getResponseBody().blockFirst() : null;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deadLetters(String testId) {
        Map<String, Object> body = as("admin").get().uri("/api/admin/dead-letters").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) body.get("deadLetters")).stream()
                .filter(l -> testId.equals(l.get("sequence"))).toList();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec retry(String group) {
        return as("admin").post().uri("/api/admin/dead-letters/{group}/retry", group).exchange();
    }

    private int storedEventsOf(String testId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Integer.class, testId);
    }

    /** A handler of the reports that fails on the start of any test of one environment, while that is set. */
    @ProcessingGroup("reports")
    static class Poison {

        volatile String environment;

        @EventHandler
        void on(FailoverStartedEvent event) {
            if (event.environmentId().value().equals(environment)) {
                throw new IllegalStateException("poisoned report of " + environment);
            }
        }

        @TestConfiguration(proxyBeanMethods = false)
        static class Config {

            @Bean
            Poison poison() {
                return new Poison();
            }
        }
    }
}
