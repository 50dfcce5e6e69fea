package io.rehearsal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.AuditVerification;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail compliance replays, exports and verifies: in order, with actors, hash-chained. */
class AuditTrailTest extends RunningApplicationTest {

    private static final String ENV = "stark-portal-preprod";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theTrailListsEveryEventOfTheTestInOrderWithItsActorAndAnUnbrokenChain() throws Exception {
        String testId = completedTestEditedBy("operator");

        JsonNode events = trail(testId).get("events");
        assertThat(events.size()).isEqualTo(1 + 2 * 9 + 1 + 1 + 1); // with the parity check after VERIFY
        assertThat(events.get(0).get("type").asText()).isEqualTo("FailoverStartedEvent");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("ReportEditedEvent");
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("sequence").asLong()).isEqualTo(i);
            assertThat(event.get("actor").asText()).isEqualTo("operator");
            assertThat(event.get("hash").asText()).hasSize(64);
            assertThat(event.get("previousHash").asText())
                    .isEqualTo(i == 0 ? "0".repeat(64) : events.get(i - 1).get("hash").asText());
        }
        assertThat(events.get(0).get("payload").get("startedBy").asText()).isEqualTo("operator");
        AuditVerification verification = verify(testId);
        assertThat(verification.intact()).as(verification.reason()).isTrue();
        assertThat(verification.events()).isEqualTo(events.size());
    }

    @Test
    void bothExportsParseBackToTheSameEvents() throws Exception {
        String testId = completedTestEditedBy("operator");
        JsonNode events = trail(testId).get("events");

        String jsonl = export(testId, "jsonl", "application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(events.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(events.get(i));
        }

        List<List<String>> rows = parseCsv(export(testId, "csv", "text/csv"));
        assertThat(rows.get(0)).containsExactly("sequence", "type", "timestamp", "actor", "hash", "previousHash",
                "payload");
        assertThat(rows).hasSize(events.size() + 1);
        for (int i = 0; i < events.size(); i++) {
            List<String> row = rows.get(i + 1);
            JsonNode event = events.get(i);
            assertThat(row.get(0)).isEqualTo(event.get("sequence").asText());
            assertThat(row.get(1)).isEqualTo(event.get("type").asText());
            assertThat(row.get(3)).isEqualTo(event.get("actor").asText());
            assertThat(row.get(4)).isEqualTo(event.get("hash").asText());
            assertThat(json.readTree(row.get(6))).isEqualTo(event.get("payload"));
        }
    }

    @Test
    void aCsvCellASpreadsheetWouldRunIsNeutralised() throws Exception {
        String testId = completedTestEditedBy("@evil");

        List<List<String>> rows = parseCsv(export(testId, "csv", "text/csv"));
        assertThat(rows.get(rows.size() - 1).get(3)).isEqualTo("'@evil");
        assertThat(rows).allSatisfy(row -> assertThat(row).noneSatisfy(cell ->
                assertThat(cell).matches("^[=+\\-@\\t\\r].*")));
    }

    @Test
    void verificationFindsAnEventAlteredDirectlyInTheStore() throws Exception {
        String testId = completedTestEditedBy("operator");
        assertThat(verify(testId).intact()).isTrue();

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 4", testId);
        String payload = new String((byte[]) row.get("PAYLOAD"), StandardCharsets.UTF_8);
        String altered = payload.replaceFirst("\"region\":\"[^\"]*\"", "\"region\":\"moon-base-1\"");
        assertThat(altered).isNotEqualTo(payload);
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ? AND sequenceNumber = 4",
                altered.getBytes(StandardCharsets.UTF_8), testId);

        AuditVerification verification = verify(testId);
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAtSequence()).isEqualTo(4L);
        assertThat(verification.brokenAtType()).isEqualTo("FailoverStepCompletedEvent");
        assertThat(verification.reason()).contains("altered after it was recorded");
    }

    @Test
    void anAuditorVerifiesAnExportOfflineWithTheDocumentedScript() throws Exception {
        String testId = completedTestEditedBy("operator");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("audit-export");
        java.nio.file.Path export = dir.resolve("audit.jsonl");
        java.nio.file.Files.writeString(export, export(testId, "jsonl", "application/x-ndjson"));

        ScriptRun intact = verifyOffline(export);
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("intact: 22 events");

        List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(export));
        lines.set(5, lines.get(5).replaceFirst("\"attempt\":1", "\"attempt\":2"));
        java.nio.file.Files.write(export, lines);
        ScriptRun tampered = verifyOffline(export);
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.output()).contains("BROKEN at event 5");
    }

    record ScriptRun(int exitCode, String output) {
    }

    private static ScriptRun verifyOffline(java.nio.file.Path export) throws Exception {
        Process process = new ProcessBuilder("python3", "../examples/verify-audit.py", export.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new ScriptRun(process.exitValue(), output);
    }

    @Test
    void anUnknownTestOrFormatIsRefused() {
        as("auditor").get().uri("/api/dr-tests/0f0e0d0c-0000-4000-8000-000000000000/audit").exchange()
                .expectStatus().isNotFound();
        as("auditor").get().uri("/api/dr-tests/0f0e0d0c-0000-4000-8000-000000000000/audit/verify").exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/dr-tests/0f0e0d0c-0000-4000-8000-000000000000/audit").exchange()
                .expectStatus().isUnauthorized();
    }

    private String completedTestEditedBy(String user) {
        String testId = startTest(ENV, "Stark Portal Pre-Production");
        awaitIdle(ENV);
        as(user).put().uri("/api/dr-tests/{id}/report", testId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("result", "SUCCESSFUL")).exchange().expectStatus().isNoContent();
        return testId;
    }

    private JsonNode trail(String testId) throws Exception {
        String body = as("auditor").get().uri("/api/dr-tests/{id}/audit", testId).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(body);
    }

    private String export(String testId, String format, String contentType) {
        return as("auditor").get().uri("/api/dr-tests/{id}/audit?format={f}", testId, format).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType(contentType))
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private AuditVerification verify(String testId) {
        return as("auditor").get().uri("/api/dr-tests/{id}/audit/verify", testId).exchange().expectStatus().isOk()
                .expectBody(AuditVerification.class).returnResult().getResponseBody();
    }
}
