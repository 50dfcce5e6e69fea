package io.rehearsal.query.report;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import io.rehearsal.api.DrTestEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.FindReportQuery;
import io.rehearsal.query.Documents;
import io.rehearsal.query.ViewWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One report per test, folded from the test's events and kept with the sequence number of the last one. A report
 * as it stood at a past moment is folded from the event store instead, up to that moment.
 */
@Component
@ProcessingGroup(ReportProjection.PROCESSING_GROUP)
class ReportProjection {

    static final String PROCESSING_GROUP = "reports";
    static final String COLLECTION = "dr_test_reports";

    private final MongoCollection<Document> reports;
    private final Documents documents;
    private final EventStore eventStore;

    ReportProjection(MongoDatabase database, Documents documents, EventStore eventStore) {
        this.reports = database.getCollection(COLLECTION);
        this.documents = documents;
        this.eventStore = eventStore;
    }

    /**
     * Folds the event into the test's report. Within a batch the folded state is kept in memory and only the
     * last of it is written, once: the report is read from the view at most once per test and batch.
     */
    @EventHandler
    void on(DrTestEvent event, @SequenceNumber long seq) {
        String id = event.testId().value();
        Map<String, Folded> batch = ViewWrites.batchState(PROCESSING_GROUP, this::readReportsOfThisBatch);
        Folded folded = batch == null ? null : batch.get(id);
        if (folded == null) {
            folded = fold(reports.find(Filters.eq("_id", id)).first());
        }
        if (folded.seq >= seq) {
            return; // redelivered
        }
        folded.state.apply(event);
        folded.seq = seq;
        if (batch == null) {
            write(id, folded);
        } else if (!folded.queued) {
            folded.queued = true;
            batch.put(id, folded);
            Folded last = folded; // the same object takes the rest of the batch's events
            ViewWrites.beforeWrites(() -> write(id, last));
        }
    }

    /** The stored reports of every test a batch of events is about, read in one query. */
    private Map<String, Folded> readReportsOfThisBatch() {
        Map<String, Folded> folded = new HashMap<>();
        if (CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) {
            List<String> ids = batch.getMessages().stream().map(Message::getPayload)
                    .filter(DrTestEvent.class::isInstance).map(e -> ((DrTestEvent) e).testId().value()).distinct().toList();
            if (ids.size() > 1) {
                reports.find(Filters.in("_id", ids)).forEach(doc -> folded.put(doc.getString("_id"), fold(doc)));
                ids.forEach(id -> folded.putIfAbsent(id, fold(null)));
            }
        }
        return folded;
    }

    private Folded fold(Document stored) {
        return stored == null ? new Folded(new ReportState(), -1, false)
                : new Folded(documents.value(stored.get("state"), ReportState.class), stored.getLong("seq"), true);
    }

    private void write(String id, Folded folded) {
        Document doc = new Document("_id", id).append("seq", folded.seq).append("state", documents.document(folded.state));
        ViewWrites.queue(reports, folded.existed ? new ReplaceOneModel<>(Documents.behind(id, folded.seq), doc)
                : new InsertOneModel<>(doc));
    }

    /**
     * A test's report being folded: its state, the last event in it, whether the view holds it already, and
     * whether its write is queued for the end of the batch.
     */
    private static final class Folded {
        final ReportState state;
        long seq;
        final boolean existed;
        boolean queued;

        Folded(ReportState state, long seq, boolean existed) {
            this.state = state;
            this.seq = seq;
            this.existed = existed;
        }
    }

    @ResetHandler
    void reset() {
        reports.deleteMany(new Document());
    }

    @QueryHandler
    DrTestReport handle(FindReportQuery query) {
        return query.asOf() == null ? current(query.testId()) : asOf(query);
    }

    private DrTestReport current(DrTestId testId) {
        Document stored = reports.find(Filters.eq("_id", testId.value())).first();
        return stored == null ? null
                : documents.value(stored.get("state"), ReportState.class).toReport(stored.getLong("seq"), null);
    }

    private DrTestReport asOf(FindReportQuery query) {
        ReportState state = new ReportState();
        long version = -1;
        DomainEventStream stream = eventStore.readEvents(query.testId().value());
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Instant at = ReportState.shownAt(message.getPayload()).orElse(message.getTimestamp());
            if (at.isAfter(query.asOf())) {
                break;
            }
            state.apply(message.getPayload());
            version = message.getSequenceNumber();
        }
        return version < 0 ? null : state.toReport(version, query.asOf());
    }
}
