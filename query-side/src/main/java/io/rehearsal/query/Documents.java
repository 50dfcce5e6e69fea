package io.rehearsal.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Conversions between message types and BSON. Times are BSON dates and durations milliseconds, so MongoDB
 * sorts and compares them natively; nested value records go through Jackson.
 */
public final class Documents {

    private final ObjectMapper json;

    public Documents(ObjectMapper json) {
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    public Document document(Object value) {
        return value == null ? null : new Document(json.convertValue(value, Map.class));
    }

    public <T> T value(Object document, Class<T> type) {
        return document == null ? null : json.convertValue(document, type);
    }

    /**
     * Applies {@code changes} to one document only if {@code seq}, the event's sequence number in its aggregate,
     * is newer than the last one applied to it, and records it: a redelivered event changes nothing. Sent with the
     * other writes of the batch ({@link ViewWrites}).
     */
    public static void applyInOrder(MongoCollection<Document> collection, String id, long seq, Bson... changes) {
        ViewWrites.queue(collection, updateInOrder(id, seq, changes));
    }

    /** The write of {@link #applyInOrder}, to send some other way. */
    public static UpdateOneModel<Document> updateInOrder(String id, long seq, Bson... changes) {
        List<Bson> all = new ArrayList<>(List.of(changes));
        all.add(Updates.set("seq", seq));
        return new UpdateOneModel<>(behind(id, seq), Updates.combine(all));
    }

    /** Creates document {@code id} from {@code doc} unless it exists (a redelivered first event changes nothing). */
    public static void insertOnce(MongoCollection<Document> collection, String id, Document doc) {
        ViewWrites.queue(collection, insertIfAbsent(id, doc));
    }

    /** The write of {@link #insertOnce}, to send some other way. */
    public static UpdateOneModel<Document> insertIfAbsent(String id, Document doc) {
        return new UpdateOneModel<>(new Document("_id", id), new Document("$setOnInsert", doc),
                new UpdateOptions().upsert(true));
    }

    /**
     * The document {@code id} if the last event applied to it is older than {@code seq}. Written as one plain
     * document, not {@code Filters.and}: the driver renders that as {@code $and}, which hides the {@code _id} from
     * the embedded store's index lookup (see {@code ProjectionStoreBackend} in ui) and from a reader.
     */
    public static Bson behind(String id, long seq) {
        return new Document("_id", id).append("seq", new Document("$lt", seq));
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    public static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    public static Duration duration(Number millis) {
        return millis == null ? null : Duration.ofMillis(millis.longValue());
    }
}
