package io.rehearsal.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertOneModel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The writes of a batch of events go out together, after its last event and before anything commits. */
@ExtendWith(InProcessMongo.class)
class ViewWritesTest {

    private final ViewWrites.FlushAtEndOfBatch flush = new ViewWrites.FlushAtEndOfBatch();
    private MongoCollection<Document> view;

    @BeforeEach
    void setUp(MongoDatabase database) {
        view = database.getCollection("view_writes_" + System.nanoTime());
    }

    @Test
    void aBatchIsWrittenOnceItsLastEventIsHandledAndAfterWritesRunThen() throws Exception {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "b", "c");
        List<Long> visibleWhileHandling = new ArrayList<>();
        List<Long> visibleAfterWrites = new ArrayList<>();

        batch.executeWithResult(() -> flush.handle(batch, () -> {
            ViewWrites.queue(view, new InsertOneModel<>(new Document("_id", batch.getMessage().getPayload())));
            ViewWrites.afterWrites("once", () -> visibleAfterWrites.add(view.countDocuments()));
            visibleWhileHandling.add(view.countDocuments());
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(visibleWhileHandling).containsExactly(0L, 0L, 0L);
        assertThat(visibleAfterWrites).as("one action per key and batch, after the writes").containsExactly(3L);
        assertThat(view.find().map(doc -> doc.getString("_id")).into(new ArrayList<>())).containsExactly("a", "b", "c");
    }

    @Test
    void aBatchThatFailsWritesNothing() {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "b", "c");

        var result = batch.executeWithResult(() -> flush.handle(batch, () -> {
            ViewWrites.queue(view, new InsertOneModel<>(new Document("_id", batch.getMessage().getPayload())));
            if (batch.isLastMessage()) {
                throw new IllegalStateException("the last event fails");
            }
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(result.isExceptional()).isTrue();
        assertThat(view.countDocuments()).isZero();
    }

    @Test
    void beforeWritesQueueIntoTheSameBatch() throws Exception {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("a", "b");

        batch.executeWithResult(() -> flush.handle(batch, () -> {
            if (batch.isFirstMessage()) {
                ViewWrites.beforeWrites(() -> ViewWrites.queue(view, new InsertOneModel<>(new Document("_id", "last"))));
            }
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        assertThat(view.find().map(doc -> doc.getString("_id")).into(new ArrayList<>())).containsExactly("last");
    }

    @Test
    void outsideAUnitOfWorkAWriteGoesOutAtOnce() {
        ViewWrites.queue(view, new InsertOneModel<>(new Document("_id", "now")));

        assertThat(view.countDocuments()).isEqualTo(1);
    }

    private static BatchingUnitOfWork<EventMessage<?>> batchOf(String... payloads) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (String payload : payloads) {
            events.add(GenericEventMessage.asEventMessage(payload));
        }
        return new BatchingUnitOfWork<>(events);
    }
}
