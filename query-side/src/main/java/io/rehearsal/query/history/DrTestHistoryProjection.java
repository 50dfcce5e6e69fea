package io.rehearsal.query.history;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.rehearsal.api.Actor;
import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestSummary;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverResumedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.EnvironmentFullyRestoredEvent;
import io.rehearsal.api.FindDrTestHistoryQuery;
import io.rehearsal.api.ReportEditedEvent;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.StreamDrTestHistoryQuery;
import io.rehearsal.api.TestStatus;
import io.rehearsal.query.Documents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Every test ever run, one line each, newest first, filterable by environment, status, verdict and start. */
@Component
@ProcessingGroup(DrTestHistoryProjection.PROCESSING_GROUP)
class DrTestHistoryProjection {

    static final String PROCESSING_GROUP = "dr-test-history";
    static final String COLLECTION = TestHistory.COLLECTION;

    private final MongoCollection<Document> history;

    DrTestHistoryProjection(MongoDatabase database) {
        this.history = database.getCollection(COLLECTION);
        // one index per filter combination of the history query, each sorted newest first
        history.createIndex(Indexes.compoundIndex(Indexes.descending("startedAt"), Indexes.ascending("_id")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("environmentId"), Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("environmentId"), Indexes.ascending("status"),
                Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("result"), Indexes.descending("startedAt")));
        // the verdict with an environment or a status; with all three, the environment and status index leaves few
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("environmentId"), Indexes.ascending("result"),
                Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("result"),
                Indexes.descending("startedAt")));
        // from and to are a range on startedAt, the last key of every index above
    }

    @EventHandler
    void on(FailoverStartedEvent event, @SequenceNumber long seq) {
        Document doc = new Document("environmentId", event.environmentId().value())
                .append("environmentName", event.environmentName())
                .append("status", TestStatus.RUNNING.name())
                .append("startedBy", event.startedBy().name())
                .append("startedAt", Documents.date(event.startedAt()))
                .append("rpoMillis", Documents.millis(event.dataLossWindow()))
                .append("result", ReportResult.NOT_EVALUATED.name())
                .append("seq", seq);
        Documents.insertOnce(history, event.testId().value(), doc);
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
                Updates.set("failedStep", event.step().name()));
    }

    @EventHandler
    void on(FailoverResumedEvent event, @SequenceNumber long seq) {
        update(event.testId(), seq, Updates.set("status", TestStatus.RUNNING.name()), Updates.unset("endedAt"),
                Updates.unset("failedStep"));
    }

    @EventHandler
    void on(ReportEditedEvent event, @SequenceNumber long seq) {
        event.changes().stream().filter(change -> change.attribute().equals("result")).findFirst().ifPresentOrElse(
                change -> update(event.testId(), seq, Updates.set("result", change.to())),
                () -> update(event.testId(), seq));
    }

    @EventHandler
    void on(EnvironmentFullyRestoredEvent event, @SequenceNumber long seq) {
        update(event.testId(), seq, Updates.set("fullRtoMillis", Documents.millis(event.fullRto())));
    }

    private void update(DrTestId id, long seq, Bson... changes) {
        Documents.applyInOrder(history, id.value(), seq, changes);
    }

    @ResetHandler
    void reset() {
        history.deleteMany(new Document());
    }

    @QueryHandler
    DrTestHistoryPage handle(FindDrTestHistoryQuery query) {
        List<Bson> filters = filters(query.environmentId(), query.status(), query.result(), query.from(), query.to());
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<DrTestSummary> items = new ArrayList<>();
        newestFirst(history.find(filter))
                .skip(query.page() * query.size())
                .limit(query.size())
                .forEach(doc -> items.add(TestHistory.summary(doc)));
        // unfiltered, the collection's own count: counting matches would read every test again
        long total = filters.isEmpty() ? history.estimatedDocumentCount() : history.countDocuments(filter);
        return new DrTestHistoryPage(items, query.page(), query.size(), total);
    }

    /** Every match, read from the cursor as the caller asks for more; closing the stream closes the cursor. */
    @QueryHandler
    Stream<DrTestSummary> handle(StreamDrTestHistoryQuery query) {
        List<Bson> filters = filters(query.environmentId(), query.status(), query.result(), query.from(), query.to());
        MongoCursor<Document> cursor = newestFirst(history.find(filters.isEmpty() ? new Document()
                : Filters.and(filters))).batchSize(500).cursor();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED), false)
                .map(TestHistory::summary)
                .onClose(cursor::close);
    }

    private static FindIterable<Document> newestFirst(FindIterable<Document> found) {
        return found.sort(Sorts.orderBy(Sorts.descending("startedAt"), Sorts.ascending("_id")));
    }

    /** Equalities first, then the range on the start: the shape every index of the view serves. */
    private static List<Bson> filters(EnvironmentId environmentId, TestStatus status, ReportResult result,
                                      Instant from, Instant to) {
        List<Bson> filters = new ArrayList<>();
        if (environmentId != null) {
            filters.add(Filters.eq("environmentId", environmentId.value()));
        }
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        if (result != null) {
            filters.add(Filters.eq("result", result.name()));
        }
        if (from != null) {
            filters.add(Filters.gte("startedAt", Documents.date(from)));
        }
        if (to != null) {
            filters.add(Filters.lt("startedAt", Documents.date(to)));
        }
        return filters;
    }

}
