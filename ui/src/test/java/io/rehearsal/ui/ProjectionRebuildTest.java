package io.rehearsal.ui;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.command.infrastructure.simulated.SimulatedInfrastructure;
import io.rehearsal.query.Projections;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An ADMIN rebuilds every view from the events: the views come back identical, and nothing is done again. */
class ProjectionRebuildTest extends RunningApplicationTest {

    private static final List<String> COLLECTIONS =
            List.of("environments", "dr_test_progress", "dr_test_history", "dr_test_reports");

    @Autowired
    MongoDatabase projections;
    @Autowired
    SimulatedInfrastructure simulator;
    @Autowired
    io.rehearsal.command.RehearsalProperties properties;

    @Test
    void aRebuildGivesIdenticalViewsAndRunsNoStep() {
        String env = "acme-prod";
        String testId = startTest(env, "ACME Production");
        awaitIdle(env);
        as("operator").put().uri("/api/dr-tests/{id}/report", testId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("result", "SUCCESSFUL", "observations", "rebuilt later")).exchange()
                .expectStatus().isNoContent();
        as("operator").post().uri("/api/dr-tests/{id}/next-steps/recreate-vpn", testId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("state", "DONE", "note", "done")).exchange()
                .expectStatus().isNoContent();
        org.awaitility.Awaitility.await().atMost(DEADLINE).until(() -> projections.getCollection("dr_test_reports")
                .find(new Document("_id", testId)).first().getLong("seq") >= 21 && mails() > 0);

        Map<String, List<Document>> before = snapshot();
        Map<FailoverStep, Long> actionsBefore = simulator.actionCounts();
        long events = storedEvents();
        long mails = mails();

        as("operator").post().uri("/api/admin/projections/rebuild").exchange().expectStatus().isForbidden();
        Map<?, ?> result = as("admin").post().uri("/api/admin/projections/rebuild").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(result.get("processors")).isEqualTo(Projections.PROCESSING_GROUPS);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(simulator.actionCounts()).as("no step ran again").isEqualTo(actionsBefore);
        assertThat(storedEvents()).as("nothing was recorded").isEqualTo(events);
        assertThat(mails()).as("no mail was sent again").isEqualTo(mails).isPositive();
    }

    private long mails() {
        java.nio.file.Path outbox = properties.dataDir().resolve("outbox");
        try (var files = java.nio.file.Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> documents = new ArrayList<>();
            projections.getCollection(collection).find().sort(Sorts.ascending("_id")).forEach(documents::add);
            all.put(collection, documents);
        }
        assertThat(all.values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());
        return all;
    }
}
