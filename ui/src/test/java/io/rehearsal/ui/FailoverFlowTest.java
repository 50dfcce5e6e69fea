package io.rehearsal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.StepView;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The spine: start a DR test over HTTP, follow its stream to the end, find it in the history, see the move. */
class FailoverFlowTest extends RunningApplicationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.rehearsal.command.RehearsalProperties properties;

    private static final String ENV = "acme-preprod";

    @Test
    void aStartedTestRunsEveryStepToCompletionAndMovesTheEnvironmentToItsDrRegion() throws Exception {
        EnvironmentView before = environment(ENV);
        assertThat(before.drEnabled()).isTrue();
        assertThat(before.available()).isTrue();

        // held at its first step, so the stream is opened while the test is certainly running
        gate.hold(ENV);
        String testId = startTest(ENV, before.displayName());
        List<ServerSentEvent<DrTestView>> events;
        try {
            var stream = as("operator").get().uri("/api/dr-tests/{id}/stream", testId)
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                    .expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<DrTestView>>() {
                    }).getResponseBody();
            gate.release(ENV);
            events = stream.collectList().block(DEADLINE);
        } finally {
            gate.release(ENV);
        }

        List<DrTestView> updates = events.stream().map(ServerSentEvent::data).filter(Objects::nonNull).toList();
        assertThat(updates).isNotEmpty();
        assertThat(updates.get(0).status()).isEqualTo(TestStatus.RUNNING);
        assertThat(updates).extracting(DrTestView::version).isSorted().doesNotHaveDuplicates();
        DrTestView last = updates.get(updates.size() - 1);
        assertThat(last.status()).as("the stream ends with the end of the test").isEqualTo(TestStatus.COMPLETED);
        assertThat(last.steps()).extracting(StepView::step).containsExactly(FailoverStep.values());
        assertThat(last.steps()).allSatisfy(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(step.attempt()).isEqualTo(1);
            assertThat(step.endedAt()).isAfterOrEqualTo(step.startedAt());
        });
        assertThat(last.startedBy().name()).isEqualTo("operator");
        assertThat(last.backup()).isEqualTo(before.lastBackup());
        assertThat(last.rpo()).isPositive();
        assertThat(last.rto()).isPositive();
        // steps ran one at a time, in order
        for (int i = 1; i < last.steps().size(); i++) {
            assertThat(last.steps().get(i).startedAt()).isAfterOrEqualTo(last.steps().get(i - 1).endedAt());
        }

        DrTestHistoryPage history = as("auditor").get().uri("/api/dr-tests?environmentId={env}", ENV).exchange()
                .expectStatus().isOk().expectBody(DrTestHistoryPage.class).returnResult().getResponseBody();
        assertThat(history.items()).anySatisfy(item -> {
            assertThat(item.testId().value()).isEqualTo(testId);
            assertThat(item.status()).isEqualTo(TestStatus.COMPLETED);
        });

        EnvironmentView after = awaitRelocation(before);
        assertThat(after.region()).isEqualTo(before.drRegion());
        assertThat(after.drRegion()).as("the next test fails back").isEqualTo(before.region());
        assertThat(after.activeTestId()).isNull();
        // the end is mailed; with no SMTP host configured, into the outbox as an .eml file
        await().atMost(DEADLINE).until(() -> outboxMails().stream().anyMatch(mail -> mail.contains(testId)));
        assertThat(outboxMails()).filteredOn(mail -> mail.contains(testId)).singleElement()
                .satisfies(mail -> assertThat(mail).contains("Subject: DR test of ACME Pre-Production completed"));
        String newCidr = after.configuration().network().vpcCidr();
        assertThat(newCidr).isNotEqualTo(before.configuration().network().vpcCidr())
                .isEqualTo(last.steps().get(FailoverStep.PROVISION_NETWORK.ordinal()).facts().get("cidr"));
    }

    @Test
    void everyEventOfATestRecordsTheUserWhoStartedItAsItsActor() throws Exception {
        String testId = startTest("stark-portal-preprod", "Stark Portal Pre-Production");
        awaitIdle("stark-portal-preprod");

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT payloadType, metaData FROM DomainEventEntry WHERE aggregateIdentifier IN (?, ?)",
                testId, "stark-portal-preprod");
        ObjectMapper json = new ObjectMapper();
        List<String> testEvents = rows.stream().map(row -> (String) row.get("PAYLOADTYPE"))
                .filter(type -> type.contains("Failover")).toList();
        assertThat(testEvents).hasSize(2 + 2 * FailoverStep.values().length);
        for (Map<String, Object> row : rows) {
            String type = (String) row.get("PAYLOADTYPE");
            if (type.contains("Failover") || type.contains("EnvironmentReserved") || type.contains("Relocated")) {
                JsonNode metaData = json.readTree((byte[]) row.get("METADATA"));
                assertThat(metaData.path("actor").asText()).as(type).isEqualTo("operator");
            }
        }
    }

    @Test
    void theStreamOfAFinishedTestSendsItsFinalStateAndCloses() {
        String testId = startTest("stark-portal-preprod", "Stark Portal Pre-Production");
        awaitIdle("stark-portal-preprod");

        List<ServerSentEvent<DrTestView>> events = as("auditor").get().uri("/api/dr-tests/{id}/stream", testId)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<DrTestView>>() {
                }).getResponseBody().collectList().block(DEADLINE);

        assertThat(events).filteredOn(e -> e.data() != null).singleElement()
                .satisfies(e -> assertThat(e.data().status()).isEqualTo(TestStatus.COMPLETED));
    }

    @Test
    void aHeldTestStreamsHeartbeatsWhileNothingChanges() {
        String env = "umbrella-qa";
        gate.hold(env);
        try {
            String testId = startTest(env, "Umbrella QA");
            List<ServerSentEvent<DrTestView>> first = as("auditor").get().uri("/api/dr-tests/{id}/stream", testId)
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<DrTestView>>() {
                    }).getResponseBody().take(3).collectList().block(DEADLINE);
            assertThat(first).filteredOn(e -> "heartbeat".equals(e.comment())).isNotEmpty();
            gate.release(env);
            awaitStatus(testId, TestStatus.COMPLETED);
        } finally {
            gate.release(env);
        }
        awaitIdle(env);
    }

    private List<String> outboxMails() throws java.io.IOException {
        java.nio.file.Path outbox = properties.dataDir().resolve("outbox");
        if (!java.nio.file.Files.exists(outbox)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(outbox)) {
            List<String> mails = new java.util.ArrayList<>();
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                mails.add(java.nio.file.Files.readString(file));
            }
            return mails;
        }
    }

    private EnvironmentView awaitRelocation(EnvironmentView before) {
        await().atMost(DEADLINE)
                .until(() -> environment(before.id().value()).region().equals(before.drRegion()));
        return environment(before.id().value());
    }

}
