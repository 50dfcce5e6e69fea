package io.rehearsal.query.compliance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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
import io.rehearsal.query.history.TestHistory;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reporting for compliance, read from the environment and history views (no projection of its own: both
 * answers are joins of views that exist for other reasons, over indexed fields).
 */
@Component
class ComplianceQueries {

    private final MongoCollection<Document> environments;
    private final MongoCollection<Document> history;
    private final Documents documents;

    ComplianceQueries(MongoDatabase database, Documents documents) {
        this.environments = database.getCollection("environments");
        this.history = database.getCollection(TestHistory.COLLECTION);
        this.documents = documents;
    }

    @QueryHandler
    ComplianceReport handle(FindComplianceQuery query) {
        List<ComplianceReport.EnvironmentCompliance> rows = new ArrayList<>();
        environments.find().sort(Sorts.ascending("displayName")).forEach(env -> {
            Targets targets = documents.value(env.get("targets"), Targets.class);
            Document last = history.find(Filters.eq("environmentId", env.getString("_id")))
                    .sort(Sorts.descending("startedAt")).first();
            DrTestSummary lastTest = last == null ? null : TestHistory.summary(last);
            boolean drEnabled = env.getBoolean("drEnabled", false);
            Instant due = lastTest == null ? null : lastTest.startedAt().plus(Duration.ofDays(targets.testIntervalDays()));
            boolean overdue = drEnabled && (due == null || due.isBefore(query.now()));
            rows.add(new ComplianceReport.EnvironmentCompliance(EnvironmentId.of(env.getString("_id")),
                    env.getString("displayName"), drEnabled, targets.testIntervalDays(), lastTest, due, overdue));
        });
        Bson period = Filters.and(Filters.gte("startedAt", Documents.date(query.from())),
                Filters.lt("startedAt", Documents.date(query.to())));
        Map<TestStatus, Long> byStatus = new EnumMap<>(TestStatus.class);
        for (TestStatus status : TestStatus.values()) {
            byStatus.put(status, history.countDocuments(Filters.and(period, Filters.eq("status", status.name()))));
        }
        Map<ReportResult, Long> byResult = new EnumMap<>(ReportResult.class);
        for (ReportResult result : ReportResult.values()) {
            byResult.put(result, history.countDocuments(Filters.and(period, Filters.eq("result", result.name()))));
        }
        return new ComplianceReport(query.from(), query.to(), rows, byStatus, byResult);
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
