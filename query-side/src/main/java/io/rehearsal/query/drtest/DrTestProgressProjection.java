package io.rehearsal.query.drtest;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverResumedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.FindDrTestQuery;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.StepView;
import io.rehearsal.api.Targets;
import io.rehearsal.api.TestStatus;
import io.rehearsal.query.Documents;
import io.rehearsal.query.ViewWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live progress of each test, one document per test with its nine steps. Updates are guarded by the
 * event's sequence number, so redelivery changes nothing; each applied update is pushed to the subscribers
 * of that one test only.
 */
@Component
@ProcessingGroup(DrTestProgressProjection.PROCESSING_GROUP)
class DrTestProgressProjection {

    static final String PROCESSING_GROUP = "dr-test-progress";
    static final String COLLECTION = "dr_test_progress";

    private final MongoCollection<Document> tests;
    private final Documents documents;
    private final QueryUpdateEmitter updates;

    DrTestProgressProjection(MongoDatabase database, Documents documents, QueryUpdateEmitter updates) {
        this.tests = database.getCollection(COLLECTION);
        this.documents = documents;
        this.updates = updates;
        tests.createIndex(Indexes.compoundIndex(Indexes.ascending("environmentId"), Indexes.descending("startedAt")));
    }

    @EventHandler
    void on(FailoverStartedEvent event, @SequenceNumber long seq) {
        List<Document> steps = new ArrayList<>();
        for (FailoverStep step : FailoverStep.values()) {
            steps.add(new Document("step", step.name()).append("status", StepStatus.PENDING.name()).append("attempt", 0));
        }
        Document doc = new Document("environmentId", event.environmentId().value())
                .append("environmentName", event.environmentName())
                .append("status", TestStatus.RUNNING.name())
                .append("startedBy", event.startedBy().name())
                .append("reason", event.reason())
                .append("startedAt", Documents.date(event.startedAt()))
                .append("sourceRegion", event.sourceRegion())
                .append("drRegion", event.drRegion())
                .append("backup", new Document("backupId", event.backup().backupId())
                        .append("takenAt", Documents.date(event.backup().takenAt())))
                .append("rpoMillis", Documents.millis(event.dataLossWindow()))
                .append("targets", documents.document(event.targets()))
                .append("steps", steps)
                .append("seq", seq);
        write(event.testId(), Documents.insertIfAbsent(event.testId().value(), doc));
    }

    @EventHandler
    void on(FailoverStepStartedEvent event, @SequenceNumber long seq) {
        String step = "steps." + event.step().ordinal() + ".";
        update(event.testId(), seq, Updates.set(step + "status", StepStatus.RUNNING.name()),
                Updates.set(step + "attempt", event.attempt()),
                Updates.set(step + "startedAt", Documents.date(event.startedAt())),
                Updates.unset(step + "endedAt"), Updates.unset(step + "failureReason"));
    }

    @EventHandler
    void on(FailoverStepCompletedEvent event, @SequenceNumber long seq) {
        String step = "steps." + event.step().ordinal() + ".";
        update(event.testId(), seq, Updates.set(step + "status", StepStatus.COMPLETED.name()),
                Updates.set(step + "endedAt", Documents.date(event.completedAt())),
                Updates.set(step + "facts", new Document(event.facts())));
    }

    @EventHandler
    void on(FailoverStepFailedEvent event, @SequenceNumber long seq) {
        String step = "steps." + event.step().ordinal() + ".";
        update(event.testId(), seq, Updates.set(step + "status", StepStatus.FAILED.name()),
                Updates.set(step + "endedAt", Documents.date(event.failedAt())),
                Updates.set(step + "failureReason", event.reason()));
    }

    @EventHandler
    void on(FailoverCompletedEvent event, @SequenceNumber long seq) {
        update(event.testId(), seq, Updates.set("status", TestStatus.COMPLETED.name()),
                Updates.set("endedAt", Documents.date(event.completedAt())),
                Updates.set("rtoMillis", Documents.millis(event.automatedRto())));
    }

    @EventHandler
    void on(FailoverFailedEvent event, @SequenceNumber long seq) {
        update(event.testId(), seq, Updates.set("status", TestStatus.FAILED.name()),
                Updates.set("endedAt", Documents.date(event.failedAt())),
                Updates.set("failedStep", event.step().name()),
                Updates.set("failureReason", event.reason()));
    }

    @EventHandler
    void on(FailoverResumedEvent event, @SequenceNumber long seq) {
        update(event.testId(), seq, Updates.set("status", TestStatus.RUNNING.name()), Updates.unset("endedAt"),
                Updates.unset("failedStep"), Updates.unset("failureReason"),
                Updates.set("resumedBy", event.resumedBy().name()),
                Updates.set("resumedAt", Documents.date(event.resumedAt())));
    }

    private void update(DrTestId id, long seq, Bson... changes) {
        write(id, Documents.updateInOrder(id.value(), seq, changes));
    }

    /**
     * A test somebody watches is written at once, and if that changed it (a redelivered event does not), its view
     * goes to its subscribers. Any other test's writes go with the batch's, unread: a rebuild or an outage nobody
     * watches costs one bulk write per batch. (A subscriber that arrives during a batch may get a view it already
     * has; it tells by the version.)
     */
    private void write(DrTestId id, WriteModel<Document> write) {
        if (!watched(id)) {
            ViewWrites.queue(tests, write);
            // a client that subscribed meanwhile read the view before this batch: it gets the batch's outcome
            ViewWrites.afterWrites(id, () -> {
                if (watched(id)) {
                    emit(id);
                }
            });
            return;
        }
        BulkWriteResult result = ViewWrites.writeNow(tests, write);
        if (result.getModifiedCount() + result.getUpserts().size() > 0) {
            emit(id);
        }
    }

    private void emit(DrTestId id) {
        DrTestView view = find(id);
        if (view != null) {
            updates.emit(FindDrTestQuery.class, query -> query.testId().equals(id), view);
        }
    }

    private boolean watched(DrTestId id) {
        return updates.activeSubscriptions().stream()
                .anyMatch(subscription -> subscription.getPayload() instanceof FindDrTestQuery query
                        && query.testId().equals(id));
    }

    @ResetHandler
    void reset() {
        tests.deleteMany(new Document());
    }

    @QueryHandler
    DrTestView handle(FindDrTestQuery query) {
        return find(query.testId());
    }

    private DrTestView find(DrTestId id) {
        Document doc = tests.find(Filters.eq("_id", id.value())).first();
        return doc == null ? null : view(doc);
    }

    private DrTestView view(Document doc) {
        List<StepView> steps = new ArrayList<>();
        for (Document step : doc.getList("steps", Document.class)) {
            Document facts = step.get("facts", Document.class);
            steps.add(new StepView(FailoverStep.valueOf(step.getString("step")),
                    StepStatus.valueOf(step.getString("status")), step.getInteger("attempt", 0),
                    Documents.instant(step.getDate("startedAt")), Documents.instant(step.getDate("endedAt")),
                    step.getString("failureReason"), facts == null ? Map.of() : facts));
        }
        Instant startedAt = Documents.instant(doc.getDate("startedAt"));
        Instant endedAt = Documents.instant(doc.getDate("endedAt"));
        Duration rto = doc.containsKey("rtoMillis") ? Documents.duration(doc.getLong("rtoMillis"))
                : endedAt != null ? Duration.between(startedAt, endedAt) : null;
        Document backup = doc.get("backup", Document.class);
        String failedStep = doc.getString("failedStep");
        return new DrTestView(DrTestId.of(doc.getString("_id")), EnvironmentId.of(doc.getString("environmentId")),
                doc.getString("environmentName"), TestStatus.valueOf(doc.getString("status")),
                Actor.of(doc.getString("startedBy")), doc.getString("reason"), startedAt, endedAt,
                doc.getString("sourceRegion"), doc.getString("drRegion"),
                new BackupRef(backup.getString("backupId"), Documents.instant(backup.getDate("takenAt"))),
                Documents.duration(doc.getLong("rpoMillis")), rto, documents.value(doc.get("targets"), Targets.class),
                steps, failedStep == null ? null : FailoverStep.valueOf(failedStep), doc.getString("failureReason"),
                doc.getLong("seq"));
    }
}
