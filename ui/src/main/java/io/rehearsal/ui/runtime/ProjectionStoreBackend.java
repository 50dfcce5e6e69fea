package io.rehearsal.ui.runtime;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The in-process MongoDB-wire server's H2 backend, with what a real MongoDB does and it does not:
 * <ul>
 * <li>the non-unique (compound) indexes a collection declares are kept ({@link SecondaryIndex}, in the same file,
 * beside the documents) and serve the queries they fit as MongoDB's do: equalities on the first keys, then a range
 * and the sort on the next, a page read from the index without a scan; and counts ({@code countDocuments}) that
 * the index holds exactly come from its page counts, without reading a document;</li>
 * <li>a query that names its {@code _id}s ({@code {_id: x, seq: {$lt: n}}}, every guarded projection update;
 * {@code {_id: {$in: [...]}}}) reads those documents by the key they are stored under, whatever else it names
 * (the server only uses its {@code _id} index when a query holds exactly its fields, and that index compares its
 * keys Java-serialized);</li>
 * <li>a sorted page that no index serves keeps only the page while it scans.</li>
 * </ul>
 * A query no index fits is still answered by a scan: every answer is the one a scan gives.
 *
 * <p>The indexes are trusted across a restart only if the store was closed cleanly: MVStore commits its maps one
 * by one, so after {@code kill -9} a document's last change and its index entries may not be in the same version.
 * After such an end (or on a file written before this backend kept indexes) they are built again from the
 * documents when the file opens.
 *
 * <p>Extends mongo-java-server 1.47 through its protected API; the map names are its storage layout, so files it
 * wrote open unchanged.
 */
final class ProjectionStoreBackend extends H2Backend {

    /** The map of each index's state (see {@link SecondaryIndex}), and of whether the store was closed cleanly. */
    private static final String INDEX_STATES = "rehearsal.secondary-indexes";
    private static final String CLOSED_CLEANLY = "closed cleanly";

    ProjectionStoreBackend(MVStore store) {
        super(store); // opens every database in the file, and with them their indexes
        // from now on an end without close() leaves the indexes to be built again at the next start
        if (indexStates(store).remove(CLOSED_CLEANLY) != null) {
            store.commit();
        }
    }

    /**
     * Opens the file with a page cache of {@code cacheMegabytes}: the server keeps documents Java-serialized in its
     * pages, and a scan that misses the cache deserializes every document again (MVStore's default is 16 MB).
     */
    static ProjectionStoreBackend open(String fileName, int cacheMegabytes) {
        return new ProjectionStoreBackend(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes).open());
    }

    private static MVMap<String, String> indexStates(MVStore store) {
        return store.openMap(INDEX_STATES);
    }

    @Override
    public void close() {
        // the server has closed its connections: no write follows, and close() commits
        indexStates(getMvStore()).put(CLOSED_CLEANLY, "yes");
        super.close();
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

        /**
         * Called when the file opens, for each index it declares, and for each {@code createIndex} (a projection
         * declares its indexes at every start): an index already open is that one.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            MongoCollection<Object> collection = resolveCollection(collectionName, false);
            if (collection != null) {
                for (Index<Object> index : collection.getIndexes()) {
                    if (index.getName().equals(indexName)) {
                        return index;
                    }
                }
            }
            if (sparse || keys.stream().anyMatch(key -> key.getKey().contains("."))) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse); // ignored, as before
            }
            MVMap<String, String> states = indexStates(getMvStore());
            // named as the server names its unique indexes' maps, so dropping the index or the database removes it
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            return new SecondaryIndex(getMvStore(), states, mapName, indexName, keys, states.containsKey(CLOSED_CLEANLY));
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate")) {
                Document counted = countDocuments(query);
                if (counted != null) {
                    clearLastStatus(channel);
                    return counted;
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
        }

        /**
         * The driver's {@code countDocuments}: {@code $match}, perhaps {@code $skip} and {@code $limit}, then
         * {@code {$group: {_id: 1, n: {$sum: 1}}}}. The server would run it over every document; this counts by
         * index where one fits. Null for any other pipeline.
         */
        private Document countDocuments(Document command) {
            if (!(command.get("aggregate") instanceof String name) || !(command.get("pipeline") instanceof List<?> pipeline)
                    || pipeline.size() < 2 || !(resolveCollection(name, false) instanceof Collection collection)) {
                return null;
            }
            Document match = stage(pipeline.get(0), "$match");
            Document group = stage(pipeline.get(pipeline.size() - 1), "$group");
            if (match == null || group == null || group.size() != 2 || !group.containsKey("_id")) {
                return null;
            }
            String total = group.keySet().stream().filter(key -> !key.equals("_id")).findFirst().orElseThrow();
            if (!(group.get(total) instanceof Document sum) || sum.size() != 1
                    || !(sum.get("$sum") instanceof Number one) || one.intValue() != 1) {
                return null;
            }
            int skip = 0;
            int limit = 0;
            for (Object middle : pipeline.subList(1, pipeline.size() - 1)) {
                if (middle instanceof Document skipping && skipping.size() == 1
                        && skipping.get("$skip") instanceof Number n && limit == 0) {
                    skip = n.intValue();
                } else if (middle instanceof Document limiting && limiting.size() == 1
                        && limiting.get("$limit") instanceof Number n) {
                    limit = n.intValue();
                } else {
                    return null;
                }
            }
            int count = collection.count(match, skip, limit);
            // a group over no documents yields none, as MongoDB answers
            List<Document> batch = count == 0 ? List.of() : List.of(new Document("_id", group.get("_id")).append(total, count));
            Document cursor = new Document("id", 0L).append("ns", getFullCollectionNamespace(name)).append("firstBatch", batch);
            return new Document("cursor", cursor).append("ok", 1.0);
        }

        /** The stage's argument if {@code stage} is exactly {@code {operator: document}}. */
        private static Document stage(Object stage, String operator) {
            return stage instanceof Document document && document.size() == 1
                    && document.get(operator) instanceof Document argument ? argument : null;
        }
    }

    private static final class Collection extends H2Collection {

        private static final long MAX_PAGE_END = 10_000;

        Collection(MongoDatabase database, String name, CollectionOptions options,
                   org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta,
                   CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        /** A secondary index whose entries are not trusted is built here, in one pass, before it is used. */
        @Override
        public synchronized void addIndex(Index<Object> index) {
            boolean known = getIndexes().stream().anyMatch(existing -> existing.getName().equals(index.getName()));
            if (!known && index instanceof SecondaryIndex secondary && secondary.needsBuild()) {
                streamAllDocumentsWithPosition().forEach(document ->
                        secondary.add(document.getDocument(), document.getPosition(), this));
                secondary.markBuilt();
            }
            super.addIndex(index);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            List<Object> ids = ids(query.get("_id"));
            if (ids != null) {
                // the documents are stored under their _id: read them there, then match the rest of the query against
                // them. A document read under an id has that id exactly, so its _id condition is met already; matched
                // again, an $in of n ids would cost n comparisons per document (n * n for a report's latest tests)
                Stream<Document> byId = ids.stream().distinct().map(this::getDocument).filter(Objects::nonNull);
                Document rest = query.clone();
                rest.remove("_id");
                return matchDocumentsFromStream(byId, rest, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            Plan plan = plan(query, orderBy, numberToSkip, limit);
            if (plan == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            // the entries before the page are skipped in the index when it holds exactly the matches
            long skippedInIndex = plan.ordered() && plan.exact() ? numberToSkip : 0;
            Iterator<Object> positions = plan.span().positions(plan.reverse(), skippedInIndex);
            Stream<Document> documents = StreamSupport.stream(Spliterators.spliteratorUnknownSize(positions,
                    Spliterator.ORDERED), false).map(this::getDocument).filter(Objects::nonNull);
            // every candidate is matched against the whole query, as a scan would
            return matchDocumentsFromStream(query, documents, (int) (numberToSkip - skippedInIndex), limit, batchSize,
                    plan.ordered() ? null : deriveComparator(orderBy), fieldSelector);
        }

        /**
         * The ids a query names ({@code _id: x} or {@code _id: {$in: [...]}}) if they are the keys the documents are
         * stored under: strings, object ids, UUIDs (a number would need MongoDB's numeric equality). Null otherwise.
         * Read through the server's {@code _id} index instead, each lookup costs dozens of Java serializations: its
         * keys are not Comparable, so MVStore compares them serialized.
         */
        private static List<Object> ids(Object condition) {
            if (isStoredKey(condition)) {
                return List.of(condition);
            }
            if (condition instanceof Document operator && operator.size() == 1 && operator.get("$in") instanceof List<?> in
                    && in.stream().allMatch(Collection::isStoredKey)) {
                return List.copyOf(in);
            }
            return null;
        }

        private static boolean isStoredKey(Object id) {
            return id instanceof String || id instanceof de.bwaldvogel.mongo.bson.ObjectId || id instanceof java.util.UUID;
        }

        /** A count an index holds exactly is the size of its range; any other is counted from the matches. */
        @Override
        public synchronized int count(Document query, int skip, int limit) {
            if (query != null && !query.isEmpty()) {
                Plan plan = plan(query, null, 0, 0);
                if (plan != null && plan.exact()) {
                    long matches = Math.max(0, plan.span().size() - Math.max(skip, 0));
                    return (int) (limit > 0 ? Math.min(limit, matches) : matches);
                }
            }
            return super.count(query, skip, limit);
        }

        /** The index that reads the fewest entries for this query, or null if none fits (or the _id index does). */
        private Plan plan(Document query, Document orderBy, int skip, int limit) {
            if (orderBy != null && orderBy.containsKey("$natural")) {
                return null;
            }
            List<SecondaryIndex> candidates = new ArrayList<>();
            for (Index<Object> index : getIndexes()) {
                if (index.canHandle(query)) {
                    return null;
                }
                if (index instanceof SecondaryIndex secondary && secondary.serves()) {
                    candidates.add(secondary);
                }
            }
            if (candidates.isEmpty()) {
                return null;
            }
            IndexedQuery conditions = IndexedQuery.of(query);
            Plan best = null;
            for (SecondaryIndex index : candidates) {
                Plan plan = Plan.of(index, conditions, orderBy, skip, limit);
                if (plan != null && (best == null || plan.beats(best))) {
                    best = plan;
                }
            }
            return best;
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

    /**
     * How one index would serve a query: the span of entries it reads, whether that span is already in the
     * requested order (and read backwards for it), whether it holds exactly the matches, and the entries it reads.
     */
    record Plan(SecondaryIndex index, SecondaryIndex.Span span, boolean ordered, boolean reverse, boolean exact,
                int equalities, long cost) {

        /** Null when the index serves neither a condition nor the order. */
        static Plan of(SecondaryIndex index, IndexedQuery conditions, Document orderBy, int skip, int limit) {
            List<String> fields = index.fields();
            int k = 0;
            while (k < fields.size() && conditions.hasEquality(fields.get(k))) {
                k++;
            }
            Object[] prefix = new Object[k];
            Set<String> served = new HashSet<>();
            for (int i = 0; i < k; i++) {
                prefix[i] = conditions.equality(fields.get(i));
                served.add(fields.get(i));
            }
            IndexedQuery.Range range = k < fields.size() ? conditions.range(fields.get(k)) : null;
            if (range != null) {
                served.add(fields.get(k));
            }
            Boolean reverse = order(index, k, conditions, orderBy);
            boolean sorted = orderBy != null && !orderBy.isEmpty();
            if (k == 0 && range == null && !(sorted && reverse != null)) {
                return null;
            }
            SecondaryIndex.Span span = index.span(prefix, range);
            boolean exact = !conditions.residual() && served.containsAll(conditions.fields()) && span.exact();
            long size = span.size();
            boolean stopsEarly = reverse != null && exact && limit > 0;
            long cost = stopsEarly ? Math.min(size, (long) skip + limit) : size;
            return new Plan(index, span, reverse != null, reverse != null && reverse, exact, k, cost);
        }

        /**
         * Whether reading the span gives the requested order: the sort's keys (less those an equality fixes) are
         * the index's keys after the equalities, all in their direction (forward) or all against it (backwards),
         * perhaps ending with {@code _id}, which closes every entry ascending. Null if not; false with no sort.
         */
        private static Boolean order(SecondaryIndex index, int k, IndexedQuery conditions, Document orderBy) {
            if (orderBy == null || orderBy.isEmpty()) {
                return false;
            }
            List<String> fields = index.fields();
            Boolean reverse = null;
            int next = k;
            for (Map.Entry<String, Object> sortKey : orderBy.entrySet()) {
                String field = sortKey.getKey();
                if (conditions.hasEquality(field)) {
                    continue; // one value among the matches: nothing to order
                }
                if (!(sortKey.getValue() instanceof Number direction)) {
                    return null;
                }
                boolean indexAscending;
                if (next < fields.size() && fields.get(next).equals(field)) {
                    indexAscending = index.ascending(next);
                } else if (next == fields.size() && field.equals("_id")) {
                    indexAscending = true;
                } else {
                    return null;
                }
                boolean against = (direction.doubleValue() > 0) != indexAscending;
                if (reverse != null && reverse != against) {
                    return null;
                }
                reverse = against;
                next++;
            }
            return reverse != null && reverse;
        }

        boolean beats(Plan other) {
            if (cost != other.cost) {
                return cost < other.cost;
            }
            if (exact != other.exact) {
                return exact;
            }
            return equalities > other.equalities;
        }
    }
}
