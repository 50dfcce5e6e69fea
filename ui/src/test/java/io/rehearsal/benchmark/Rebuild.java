package io.rehearsal.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: every projection reset and replayed over the event store the outage left, through the ADMIN
 * endpoint that answers once all have caught up. The baseline, in the same run: the documents the rebuild
 * produced, written to a scratch database on the same server with the driver's bulk upserts, in batches as
 * large as a processor's.
 */
final class Rebuild {

    static final List<String> VIEWS = List.of("environments", "dr_test_progress", "dr_test_history", "dr_test_reports");
    private static final int BATCH = 100;

    /** The baseline's rate is counted in the same events: what the documents they produce cost to write directly. */
    record Result(EventRates rates, long documents) {
    }

    static Result run(BenchApp app) throws Exception {
        app.awaitProcessorsIdle();
        long events = app.storedEvents();
        Map<String, Long> before = counts(app.views());
        long started = System.nanoTime();
        HttpResponse<String> response = app.post("admin", "/api/admin/projections/rebuild", Map.of());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("rebuild answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, Long> after = counts(app.views());
        if (!after.equals(before)) {
            throw new IllegalStateException("the rebuild changed the views: " + before + " before, " + after + " after");
        }
        long documents = after.values().stream().mapToLong(Long::longValue).sum();
        double bulkSeconds = bulkUpsert(app.views(), app.bean(com.mongodb.client.MongoClient.class)
                .getDatabase("rehearsal_benchmark_baseline"));
        return new Result(new EventRates(events, seconds, bulkSeconds), documents);
    }

    private static Map<String, Long> counts(MongoDatabase views) {
        Map<String, Long> counts = new LinkedHashMap<>();
        VIEWS.forEach(view -> counts.put(view, views.getCollection(view).countDocuments()));
        return counts;
    }

    /** Writes every view's documents into {@code scratch} with bulk upserts; returns the seconds the writes took. */
    private static double bulkUpsert(MongoDatabase views, MongoDatabase scratch) {
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        VIEWS.forEach(view -> documents.put(view, views.getCollection(view).find().into(new ArrayList<>())));
        scratch.drop();
        long started = System.nanoTime();
        documents.forEach((view, docs) -> {
            MongoCollection<Document> target = scratch.getCollection(view);
            for (int from = 0; from < docs.size(); from += BATCH) {
                List<WriteModel<Document>> batch = new ArrayList<>();
                for (Document doc : docs.subList(from, Math.min(docs.size(), from + BATCH))) {
                    batch.add(new ReplaceOneModel<>(Filters.eq("_id", doc.get("_id")), doc,
                            new ReplaceOptions().upsert(true)));
                }
                target.bulkWrite(batch);
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        for (String view : VIEWS) {
            if (scratch.getCollection(view).countDocuments() != documents.get(view).size()) {
                throw new IllegalStateException("the bulk upserts lost documents of " + view);
            }
        }
        scratch.drop();
        return seconds;
    }
}
