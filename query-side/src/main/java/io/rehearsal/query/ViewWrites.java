package io.rehearsal.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of a projection's batch of events, sent together: one ordered bulk write per collection when the
 * batch's last event has been handled, instead of a round trip per event. Ordered, so each document sees its
 * updates in event order, exactly as if they had been sent one by one.
 *
 * <p>The flush runs in the handling of the batch's last event ({@link FlushAtEndOfBatch}), so before the
 * processor stores its token: a crash in between replays the batch, whose updates are guarded by sequence
 * number. A batch that fails sends nothing. Outside a unit of work (a handler called directly) a write is sent
 * at once.
 */
public final class ViewWrites {

    private static final String RESOURCE = ViewWrites.class.getName();

    private ViewWrites() {
    }

    /** Queues {@code write} on {@code collection} behind the earlier writes of this batch. */
    public static void queue(MongoCollection<Document> collection, WriteModel<Document> write) {
        Pending pending = pending();
        if (pending == null) {
            collection.bulkWrite(List.of(write));
        } else {
            pending.writes.computeIfAbsent(collection, c -> new ArrayList<>()).add(write);
        }
    }

    /**
     * Sends {@code write} now, after the writes queued before it in this batch (so each document still sees its
     * updates in order): for a handler that must know at once what its write changed.
     */
    public static BulkWriteResult writeNow(MongoCollection<Document> collection, WriteModel<Document> write) {
        Pending pending = pending();
        if (pending != null) {
            pending.sendWrites();
        }
        return collection.bulkWrite(List.of(write));
    }

    /**
     * Runs {@code action} once this batch's writes are sent (at once outside a unit of work); of the actions given
     * the same {@code key} in one batch, only the first runs.
     */
    public static void afterWrites(Object key, Runnable action) {
        Pending pending = pending();
        if (pending == null) {
            action.run();
        } else {
            pending.after.putIfAbsent(key, action);
        }
    }

    /**
     * Runs {@code action} when the batch's writes are about to be sent (at once outside a unit of work): for a
     * handler that keeps a document in {@link #batchState} and queues its final form only then.
     */
    public static void beforeWrites(Runnable action) {
        Pending pending = pending();
        if (pending == null) {
            action.run();
        } else {
            pending.before.add(action);
        }
    }

    /**
     * State a handler keeps for the rest of this batch, e.g. documents it read and changed but has not written
     * yet; null outside a unit of work.
     */
    @SuppressWarnings("unchecked")
    public static <T> T batchState(String key, java.util.function.Supplier<T> initial) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return (T) CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE + "#" + key, k -> initial.get());
    }

    private static Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(RESOURCE, key -> {
            // a safety net where no FlushAtEndOfBatch is registered: nothing queued is ever dropped
            root.onPrepareCommit(ViewWrites::flush);
            return new Pending();
        });
    }

    static void flush(UnitOfWork<?> unitOfWork) {
        Pending pending = unitOfWork.root().getResource(RESOURCE);
        if (pending == null) {
            return;
        }
        pending.before.forEach(Runnable::run); // they queue their writes into this same batch
        unitOfWork.root().resources().remove(RESOURCE);
        // the batch's state goes with its writes: where one root unit of work spans several flushes (dead letters
        // retried one by one), a handler must read the document afresh and queue its write again
        unitOfWork.root().resources().keySet().removeIf(key -> key.startsWith(RESOURCE + "#"));
        pending.sendWrites();
        pending.after.values().forEach(Runnable::run);
    }

    private static final class Pending {
        final Map<MongoCollection<Document>, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        final List<Runnable> before = new ArrayList<>();
        final Map<Object, Runnable> after = new LinkedHashMap<>();

        /** One ordered bulk write per collection, so each document gets its updates in the order they came. */
        void sendWrites() {
            writes.forEach((collection, queued) -> collection.bulkWrite(queued, new BulkWriteOptions().ordered(true)));
            writes.clear();
        }
    }

    /** Registered on every projection's processor: sends the batch's writes after its last event is handled. */
    public static final class FlushAtEndOfBatch implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                throws Exception {
            Object result = interceptorChain.proceed();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                flush(unitOfWork);
            }
            return result;
        }
    }
}
