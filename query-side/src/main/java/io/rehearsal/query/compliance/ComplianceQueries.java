package io.rehearsal.query.compliance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.rehearsal.api.ComplianceReport;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestSummary;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FindComplianceQuery;
import io.rehearsal.api.FindTrendQuery;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.Targets;
import io.rehearsal.api.TestStatus;
import io.rehearsal.api.Trend;
import io.rehearsal.query.Documents;
import io.rehearsal.query.environment.EnvironmentViews;
import io.rehearsal.query.history.TestHistory;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reporting for compliance, read from the environment and history views (no projection of its own: both
 * answers are joins of views that exist for other reasons, over indexed fields).
 */
@Component
class ComplianceQueries {

    private static final List<String> TEST_INTERVAL = List.of("targets", "testIntervalDays");
    private static final Bson ROW_FIELDS = Projections.include("displayName", "drEnabled",
            String.join(".", TEST_INTERVAL), "retiredAt", EnvironmentViews.LAST_TEST_ID);

    private final MongoCollection<Document> environments;
    private final MongoCollection<Document> history;
    private final Documents documents;

    ComplianceQueries(MongoDatabase database, Documents documents) {
        this.environments = database.getCollection(EnvironmentViews.COLLECTION);
        this.history = database.getCollection(TestHistory.COLLECTION);
        this.documents = documents;
    }

    @QueryHandler
    ComplianceReport handle(FindComplianceQuery query) {
        // only the fields a row shows: an environment's configuration is most of its document
        List<Document> environmentDocs = environments.find().projection(ROW_FIELDS).sort(Sorts.ascending("displayName"))
                .into(new ArrayList<>());
        Map<String, DrTestSummary> lastTests = lastTests(environmentDocs);
        List<ComplianceReport.EnvironmentCompliance> rows = new ArrayList<>();
        for (Document env : environmentDocs) {
            // the one target a row needs, read as it is stored: mapping the whole targets per row was a fifth of it
            int testIntervalDays = env.getEmbedded(TEST_INTERVAL, Number.class).intValue();
            DrTestSummary lastTest = lastTests.get(env.getString("_id"));
            boolean drEnabled = env.getBoolean("drEnabled", false);
            Instant due = lastTest == null ? null : lastTest.startedAt().plus(Duration.ofDays(testIntervalDays));
            boolean retired = env.get("retiredAt") != null;
            boolean overdue = drEnabled && !retired && (due == null || due.isBefore(query.now()));
            rows.add(new ComplianceReport.EnvironmentCompliance(EnvironmentId.of(env.getString("_id")),
                    env.getString("displayName"), drEnabled, testIntervalDays, lastTest,
                    retired ? null : due, overdue, retired));
        }
        // one count per status and per verdict, each served by the history's index on that field and the start
        // (a count of index keys, with no document read), instead of reading every test of the period
        Bson period = Filters.and(Filters.gte("startedAt", Documents.date(query.from())),
                Filters.lt("startedAt", Documents.date(query.to())));
        Map<TestStatus, Long> byStatus = new EnumMap<>(TestStatus.class);
        for (TestStatus status : TestStatus.values()) {
            byStatus.put(status, history.countDocuments(Filters.and(Filters.eq("status", status.name()), period)));
        }
        Map<ReportResult, Long> byResult = new EnumMap<>(ReportResult.class);
        for (ReportResult result : ReportResult.values()) {
            byResult.put(result, history.countDocuments(Filters.and(Filters.eq("result", result.name()), period)));
        }
        return new ComplianceReport(query.from(), query.to(), rows, byStatus, byResult);
    }

    /**
     * The latest test of each environment, read by id in one query. An environment view written before it kept
     * its latest test's id has no such field: its latest test is searched in the history, as it used to be.
     */
    private Map<String, DrTestSummary> lastTests(List<Document> environmentDocs) {
        Map<String, DrTestSummary> lastTests = new HashMap<>();
        List<String> ids = environmentDocs.stream().map(env -> env.getString(EnvironmentViews.LAST_TEST_ID))
                .filter(Objects::nonNull).toList();
        if (!ids.isEmpty()) {
            history.find(Filters.in("_id", ids)).forEach(doc -> {
                DrTestSummary summary = TestHistory.summary(doc);
                lastTests.put(summary.environmentId().value(), summary);
            });
        }
        for (Document env : environmentDocs) {
            if (!env.containsKey(EnvironmentViews.LAST_TEST_ID)) {
                Document last = history.find(Filters.eq("environmentId", env.getString("_id")))
                        .sort(Sorts.descending("startedAt")).first();
                if (last != null) {
                    lastTests.put(env.getString("_id"), TestHistory.summary(last));
                }
            }
        }
        return lastTests;
    }

    @QueryHandler
    Trend handle(FindTrendQuery query) {
        Document env = environments.find(Filters.eq("_id", query.environmentId().value())).first();
        if (env == null) {
            return null;
        }
        List<Trend.Point> points = new ArrayList<>();
        history.find(Filters.eq("environmentId", query.environmentId().value())).sort(Sorts.ascending("startedAt"))
                .forEach(doc -> points.add(new Trend.Point(DrTestId.of(doc.getString("_id")),
                        Documents.instant(doc.getDate("startedAt")), TestStatus.valueOf(doc.getString("status")),
                        Documents.duration(doc.getLong("rtoMillis")), Documents.duration(doc.getLong("fullRtoMillis")),
                        Documents.duration(doc.getLong("rpoMillis")))));
        return new Trend(query.environmentId(), documents.value(env.get("targets"), Targets.class), points);
    }
}
