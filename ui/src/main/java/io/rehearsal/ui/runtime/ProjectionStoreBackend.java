package io.rehearsal.ui.runtime;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVStore;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The in-process MongoDB-wire server's H2 backend, with one thing a real MongoDB does and it does not: a query
 * that names one {@code _id} and more fields ({@code {_id: x, seq: {$lt: n}}}, every guarded projection update)
 * is served from the {@code _id} index. The server only uses an index when a query holds exactly its fields, so
 * every such update scanned the whole collection: a cost that grew with the number of tests. And a sorted page
 * keeps only the page while it scans. (It still scans: secondary indexes are what it lacks.)
 *
 * <p>Extends mongo-java-server 1.47 through its protected API; the map names are its storage layout, so files it
 * wrote open unchanged.
 */
final class ProjectionStoreBackend extends H2Backend {

    ProjectionStoreBackend(MVStore store) {
        super(store);
    }

    /**
     * Opens the file with a page cache of {@code cacheMegabytes}: the server keeps documents Java-serialized in its
     * pages, and a scan that misses the cache deserializes every document again (MVStore's default is 16 MB).
     */
    static ProjectionStoreBackend open(String fileName, int cacheMegabytes) {
        return new ProjectionStoreBackend(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes).open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    /** An inner class: H2Database's constructor already opens collections, before a field of its own is set. */
    private final class Database extends H2Database {

        Database(String name, CursorRegistry cursors) {
            super(name, getMvStore(), cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            return new Collection(this, collectionName, options, getMvStore().openMap("databases." + fullName),
                    getMvStore().openMap("meta." + fullName), cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {

        private static final long MAX_PAGE_END = 10_000;

        Collection(MongoDatabase database, String name, CollectionOptions options,
                   org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta,
                   CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Object id = query.get("_id");
            if (query.size() > 1 && id != null && !(id instanceof Document)) {
                // at most one document has this _id: find it by the index, then match the whole query against it
                QueryResult byId = super.queryDocuments(new Document("_id", id), null, 0, 0, 0, null);
                return matchDocumentsFromStream(StreamSupport.stream(byId.spliterator(), false), query, orderBy,
                        numberToSkip, limit, batchSize, fieldSelector);
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /**
         * A sorted page (a history page: newest first, skip, limit) keeps only the best {@code skip + limit}
         * documents while it scans, instead of sorting every match: n log(page) comparisons instead of n log(n).
         */
        @Override
        protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int numberToSkip,
                                                       int limit, int batchSize, Comparator<Document> order,
                                                       Document fieldSelector) {
            if (order == null || limit <= 0 || (long) numberToSkip + limit > MAX_PAGE_END) {
                return super.matchDocumentsFromStream(query, documents, numberToSkip, limit, batchSize, order,
                        fieldSelector);
            }
            int keep = numberToSkip + limit;
            PriorityQueue<Document> best = new PriorityQueue<>(keep + 1, order.reversed());
            documents.filter(document -> documentMatchesQuery(document, query)).forEach(document -> {
                best.add(document);
                if (best.size() > keep) {
                    best.poll();
                }
            });
            return super.matchDocumentsFromStream(query, best.stream(), numberToSkip, limit, batchSize, order,
                    fieldSelector);
        }
    }
}
