package io.rehearsal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole system's trail, for AUDITOR and ADMIN: in store order, by period and environment, paged or streamed. */
class SystemAuditTest extends RunningApplicationTest {

    private static final String ENV = "acme-preprod";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anEnvironmentsTrailHoldsItsOwnEventsAndItsTestsInStoreOrder() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        String testId = startTest(ENV, "ACME Pre-Production");
        awaitIdle(ENV);

        JsonNode page = json.readTree(as("auditor").get()
                .uri("/api/audit?environmentId={env}&from={from}&size=1000", ENV, from.toString()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        assertThat(items).extracting(i -> i.get("aggregateId").asText()).containsOnly(ENV, testId);
        // the start, nine steps started and completed, the parity check, the completion
        assertThat(items).filteredOn(i -> i.get("aggregateId").asText().equals(testId)).hasSize(21);
        assertThat(items).filteredOn(i -> i.get("type").asText().equals("EnvironmentRelocatedEvent")).hasSize(1);
        List<Long> positions = items.stream().map(i -> i.get("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(items).allSatisfy(i -> assertThat(i.get("actor").asText()).isEqualTo("operator"));

        JsonNode second = json.readTree(as("admin").get()
                .uri("/api/audit?environmentId={env}&from={from}&size=5&page=1", ENV, from.toString()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(second.get("items").size()).isEqualTo(5);
        assertThat(second.get("items").get(0).get("position").asLong()).isEqualTo(positions.get(5));

        String lines = as("auditor").get().uri("/api/audit?environmentId={env}&from={from}", ENV, from.toString())
                .accept(org.springframework.http.MediaType.parseMediaType("application/x-ndjson")).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<Long> streamed = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                streamed.add(json.readTree(line).get("position").asLong());
            }
        }
        assertThat(streamed).isEqualTo(positions);
    }

    @Test
    void onlyAuditorsAndAdminsReadTheSystemTrail() {
        as("operator").get().uri("/api/audit").exchange().expectStatus().isForbidden();
        as("auditor").get().uri("/api/audit?size=0").exchange().expectStatus().isBadRequest();
        as("auditor").get().uri("/api/audit?from=yesterday").exchange().expectStatus().isBadRequest();
    }
}
