package io.rehearsal.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.TestStatus;
import org.bson.Document;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Scenario 5: the reporting reads with many tests in the views, over loopback HTTP as an auditor: history pages
 * (the first, one per filter, a deep one), the compliance report, and one test's PDF report. The history view is
 * grown to the target size with copies of the tests the outage really produced (new ids, start times spread back
 * over the past years, some failed, some with a verdict), so every document has the shape the projection writes
 * and every filtered page has matches to find.
 */
final class Queries {

    static final String FILTERED_STATUS = TestStatus.FAILED.name();
    static final String FILTERED_VERDICT = ReportResult.SUCCESSFUL.name();
    static final int PAGE_SIZE = 20;
    /** The 50th page: pages are numbered from 0. */
    static final int DEEP_PAGE = 49;

    /** The reads of the history and the compliance report, by name; {@code environmentId} is one of the outage's. */
    static Map<String, String> reads(String environmentId) {
        String page = "page=0&size=" + PAGE_SIZE;
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("history page (first 20 of all)", "/api/dr-tests?" + page);
        reads.put("history page filtered by environment", "/api/dr-tests?environmentId=" + environmentId + "&" + page);
        reads.put("history page filtered by status " + FILTERED_STATUS, "/api/dr-tests?status=" + FILTERED_STATUS + "&" + page);
        reads.put("history page filtered by verdict " + FILTERED_VERDICT,
                "/api/dr-tests?result=" + FILTERED_VERDICT + "&" + page);
        reads.put("history page 50 (of all)", "/api/dr-tests?page=" + DEEP_PAGE + "&size=" + PAGE_SIZE);
        reads.put("compliance report", "/api/reports/compliance");
        return reads;
    }

    /**
     * Grows the history view to {@code tests} documents; returns how many it holds. About one copy in ten failed
     * (at a step, without an RTO), and most carry no verdict yet: the rest were judged, mostly successful. The
     * draw is seeded, so every run seeds the same mix.
     */
    static long seedHistory(BenchApp app, int tests) {
        MongoCollection<Document> history = app.views().getCollection("dr_test_history");
        List<Document> real = history.find().into(new ArrayList<>());
        long have = real.size();
        Random draw = new Random(5);
        FailoverStep[] steps = FailoverStep.values();
        List<Document> batch = new ArrayList<>();
        for (long i = have; i < tests; i++) {
            Document copy = new Document(real.get((int) (i % real.size())));
            long minutesBack = i * 7; // a test every seven minutes, going back about 1.3 years for 100,000
            Date started = new Date(copy.getDate("startedAt").getTime() - minutesBack * 60_000);
            copy.put("_id", UUID.randomUUID().toString());
            copy.put("startedAt", started);
            boolean failed = draw.nextInt(10) == 0;
            if (failed) {
                copy.put("status", TestStatus.FAILED.name());
                copy.put("endedAt", new Date(started.getTime() + 60_000 + draw.nextInt(600_000)));
                copy.put("failedStep", steps[draw.nextInt(steps.length)].name());
                copy.remove("rtoMillis");
                copy.remove("fullRtoMillis");
            } else if (copy.get("endedAt") != null) {
                copy.put("endedAt", new Date(started.getTime() + copy.getLong("rtoMillis")));
            }
            copy.put("result", verdict(draw, failed).name());
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

    private static ReportResult verdict(Random draw, boolean failed) {
        int percent = draw.nextInt(100);
        if (percent < 70) {
            return ReportResult.NOT_EVALUATED;
        }
        if (failed) {
            return ReportResult.UNSUCCESSFUL;
        }
        return percent < 92 ? ReportResult.SUCCESSFUL : percent < 98 ? ReportResult.SUCCESSFUL_WITH_ISSUES
                : ReportResult.UNSUCCESSFUL;
    }

    /** An environment the outage tested: the filtered page's environment. */
    static String someEnvironment(BenchApp app) {
        Document test = app.views().getCollection("dr_test_history").find().first();
        if (test == null) {
            throw new IllegalStateException("no test in the history");
        }
        return test.getString("environmentId");
    }

    /**
     * Throws unless a history read answers as many tests as its page can hold, and a first page a larger total: a
     * filter that finds little proves little.
     */
    static void requirePageFilled(BenchApp app, String path) throws Exception {
        HttpResponse<byte[]> response = app.get("auditor", path);
        JsonNode page = BenchApp.JSON.readTree(response.body());
        long total = page.path("total").asLong();
        long before = (long) page.path("page").asInt() * PAGE_SIZE;
        long expected = Math.max(0, Math.min(PAGE_SIZE, total - before));
        if (response.statusCode() != 200 || page.path("items").size() != expected
                || (before == 0 && total <= PAGE_SIZE)) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + " with "
                    + page.path("items").size() + " of " + total + " tests");
        }
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
