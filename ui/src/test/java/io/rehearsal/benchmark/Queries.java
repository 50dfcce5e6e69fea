package io.rehearsal.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 5: the reporting reads with many tests in the views, over loopback HTTP as an auditor: the first
 * history page, the compliance report, and one test's PDF report. The history view is grown to the target
 * size with copies of the tests the outage really produced (new ids, start times spread back over the past
 * years), so every document has the shape the projection writes.
 */
final class Queries {

    static final Map<String, String> READS = readsOf("/api/dr-tests?page=0&size=20", "/api/reports/compliance");

    private static Map<String, String> readsOf(String history, String compliance) {
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("history page (first 20 of all)", history);
        reads.put("compliance report", compliance);
        return reads;
    }

    /** Grows the history view to {@code tests} documents; returns how many it holds. */
    static long seedHistory(BenchApp app, int tests) {
        MongoCollection<Document> history = app.views().getCollection("dr_test_history");
        List<Document> real = history.find().into(new ArrayList<>());
        long have = real.size();
        List<Document> batch = new ArrayList<>();
        for (long i = have; i < tests; i++) {
            Document copy = new Document(real.get((int) (i % real.size())));
            long minutesBack = i * 7; // a test every seven minutes, going back about 1.3 years for 100,000
            Date started = new Date(copy.getDate("startedAt").getTime() - minutesBack * 60_000);
            copy.put("_id", UUID.randomUUID().toString());
            copy.put("startedAt", started);
            if (copy.get("endedAt") != null) {
                copy.put("endedAt", new Date(started.getTime() + copy.getLong("rtoMillis")));
            }
            batch.add(copy);
            if (batch.size() == 1000) {
                history.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            history.insertMany(batch);
        }
        return history.countDocuments();
    }

    /** Milliseconds per read, {@code count} reads one after the other. */
    static List<Double> time(BenchApp app, String path, int count) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = app.get("auditor", path);
            millis.add((System.nanoTime() - started) / 1e6);
            if (response.statusCode() != 200 || response.body().length == 0) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
        }
        return millis;
    }

    /** The report of a test the outage ran, as the PDF an auditor downloads. */
    static String pdfPath(BenchApp app) {
        Document test = app.views().getCollection("dr_test_reports").find(Filters.exists("_id")).first();
        if (test == null) {
            throw new IllegalStateException("no report to render");
        }
        return "/api/dr-tests/" + test.getString("_id") + "/report.pdf";
    }
}
