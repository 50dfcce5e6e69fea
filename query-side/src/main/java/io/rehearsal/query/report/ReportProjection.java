package io.rehearsal.query.report;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.rehearsal.api.DrTestEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.FindReportQuery;
import io.rehearsal.query.Documents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

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

    @EventHandler
    void on(DrTestEvent event, @SequenceNumber long seq) {
        String id = event.testId().value();
        Document stored = reports.find(Filters.eq("_id", id)).first();
        if (stored != null && stored.getLong("seq") >= seq) {
            return; // redelivered
        }
        ReportState state = stored == null ? new ReportState() : documents.value(stored.get("state"), ReportState.class);
        state.apply(event);
        Document doc = new Document("_id", id).append("seq", seq).append("state", documents.document(state));
        if (stored == null) {
            reports.insertOne(doc);
        } else {
            reports.replaceOne(Documents.behind(id, seq), doc);
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
            if (message.getTimestamp().isAfter(query.asOf())) {
                break;
            }
            state.apply(message.getPayload());
            version = message.getSequenceNumber();
        }
        return version < 0 ? null : state.toReport(version, query.asOf());
    }
}
