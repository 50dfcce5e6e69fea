package io.rehearsal.query.history;

import io.rehearsal.api.Actor;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestSummary;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.TestStatus;
import io.rehearsal.query.Documents;
import org.bson.Document;

/** The history view's documents, as other reports read them. */
public final class TestHistory {

    public static final String COLLECTION = "dr_test_history";

    private TestHistory() {
    }

    public static DrTestSummary summary(Document doc) {
        String failedStep = doc.getString("failedStep");
        return new DrTestSummary(DrTestId.of(doc.getString("_id")), EnvironmentId.of(doc.getString("environmentId")),
                doc.getString("environmentName"), TestStatus.valueOf(doc.getString("status")),
                Actor.of(doc.getString("startedBy")), Documents.instant(doc.getDate("startedAt")),
                Documents.instant(doc.getDate("endedAt")), Documents.duration(doc.getLong("rtoMillis")),
                Documents.duration(doc.getLong("rpoMillis")),
                failedStep == null ? null : FailoverStep.valueOf(failedStep),
                ReportResult.valueOf(doc.getString("result")), Documents.duration(doc.getLong("fullRtoMillis")));
    }
}
