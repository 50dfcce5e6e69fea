package io.rehearsal.ui.runtime;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A non-unique (compound) index the embedded projection store maintains, as a real MongoDB does: one entry per
 * document, its key the indexed fields' values in the index's order and directions, then the document's
 * {@code _id} (so equal values are ordered by {@code _id} ascending, and every entry is unique). It lives in the
 * store's file beside the documents, in a map of its own named as the server names its unique indexes' maps.
 *
 * <p>The server maintains it through {@link Index}'s callbacks (add, update, remove); it never offers itself for
 * the server's own query planning ({@link #canHandle} is false): {@link ProjectionStoreBackend} plans with it,
 * knowing the sort and the limit.
 *
 * <p>A document with an array in an indexed field would need one entry per element, with MongoDB's multikey
 * semantics: the index then stops serving queries (and keeping entries) rather than answer them differently.
 */
final class SecondaryIndex extends Index<Object> {

    /** Positions in a key before or after every value: the ends of a range, never stored. */
    enum Edge { BEFORE, AFTER }

    private static final String BUILT = "built";
    private static final String MULTIKEY = "multikey";

    private final MVMap<Object[], Boolean> entries;
    private final MVMap<String, String> states;
    private final String mapName;
    private final boolean[] ascending;
    private boolean needsBuild;

    /**
     * @param trusted whether the entries already in the file can be used as they are: the store was closed cleanly
     *                after they were built (otherwise they are dropped, and built again from the documents)
     */
    SecondaryIndex(MVStore store, MVMap<String, String> states, String mapName, String name, List<IndexKey> keys,
                   boolean trusted) {
        super(name, keys, false);
        this.states = states;
        this.mapName = mapName;
        this.ascending = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            ascending[i] = keys.get(i).isAscending();
        }
        boolean existed = store.hasMap(mapName);
        this.entries = store.openMap(mapName, new MVMap.Builder<Object[], Boolean>().keyType(new KeyType(ascending)));
        String state = states.get(mapName);
        if (!(trusted && existed && state != null)) {
            entries.clear();
            states.remove(mapName);
            needsBuild = true;
        }
    }

    /** Whether its entries must be built from the collection's documents before it is used. */
    boolean needsBuild() {
        return needsBuild;
    }

    /** Records that every document of the collection has its entry (or made it multikey). */
    void markBuilt() {
        needsBuild = false;
        states.putIfAbsent(mapName, BUILT);
    }

    /** Whether it may serve queries: built, and no document has an array in an indexed field. */
    boolean serves() {
        return !needsBuild && BUILT.equals(states.get(mapName));
    }

    List<String> fields() {
        return keys();
    }

    boolean ascending(int key) {
        return ascending[key];
    }

    /** This document's entry; null when an indexed field holds an array. */
    private Object[] keyOf(Document document) {
        List<String> fields = keys();
        Object[] key = new Object[fields.size() + 1];
        for (int i = 0; i < fields.size(); i++) {
            Object value = document.get(fields.get(i));
            if (value instanceof Collection<?>) {
                return null;
            }
            key[i] = Missing.isNullOrMissing(value) ? null : value;
        }
        key[fields.size()] = position(document);
        return key;
    }

    /** The document's position in the server's H2 collection: its {@code _id}. */
    private static Object position(Document document) {
        return Missing.ofNullable(document.get("_id"));
    }

    private void put(Document document) {
        if (MULTIKEY.equals(states.get(mapName))) {
            return;
        }
        Object[] key = keyOf(document);
        if (key == null) {
            // an array: from now on the collection is scanned for what this index would have served
            states.put(mapName, MULTIKEY);
            entries.clear();
        } else {
            entries.put(key, Boolean.TRUE);
        }
    }

    private void delete(Document document) {
        Object[] key = keyOf(document);
        if (key != null) {
            entries.remove(key);
        }
    }

    @Override
    public Object getPosition(Document document) {
        return null; // positions come from the _id index
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to check
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        put(document);
    }

    @Override
    public Object remove(Document document) {
        delete(document);
        return position(document);
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("planned by ProjectionStoreBackend");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to check
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        Object[] oldKey = keyOf(oldDocument);
        Object[] newKey = keyOf(newDocument);
        if (oldKey == null || newKey == null || !Arrays.equals(oldKey, newKey)) {
            delete(oldDocument);
            put(newDocument);
        }
    }

    @Override
    public void drop() {
        entries.clear();
        states.remove(mapName);
    }

    /**
     * The entries of a range, in index order: equal to {@code prefix} on the first keys, then within {@code range}
     * on the next key (null: any value).
     */
    Span span(Object[] prefix, IndexedQuery.Range range) {
        int k = prefix.length;
        IndexedQuery.Bound start = null;
        IndexedQuery.Bound end = null;
        if (range != null) {
            start = ascending[k] ? range.lower() : range.upper();
            end = ascending[k] ? range.upper() : range.lower();
        }
        return new Span(probe(prefix, start, Edge.BEFORE), probe(prefix, end, Edge.AFTER), k,
                range == null ? -1 : rangeType(range));
    }

    private static int rangeType(IndexedQuery.Range range) {
        int lower = range.lower() == null ? -1 : IndexedQuery.typeOf(range.lower().value());
        int upper = range.upper() == null ? -1 : IndexedQuery.typeOf(range.upper().value());
        if (lower >= 0 && upper >= 0 && lower != upper) {
            return -2; // a range across types matches nothing of either: leave it to the documents
        }
        return Math.max(lower, upper);
    }

    /** A key that sorts just before (or after) every entry at that place: never equal to an entry. */
    private static Object[] probe(Object[] prefix, IndexedQuery.Bound bound, Edge open) {
        if (bound == null) {
            Object[] probe = Arrays.copyOf(prefix, prefix.length + 1);
            probe[prefix.length] = open;
            return probe;
        }
        Object[] probe = Arrays.copyOf(prefix, prefix.length + 2);
        probe[prefix.length] = bound.value();
        // an inclusive start begins before the bound's entries, an exclusive one after them; and the other way at the end
        probe[prefix.length + 1] = (open == Edge.BEFORE) == bound.inclusive() ? Edge.BEFORE : Edge.AFTER;
        return probe;
    }

    /** The entries between two probes. */
    final class Span {
        private final Object[] from;
        private final Object[] to;
        private final int rangeKey;
        private final int rangeType;

        private Span(Object[] from, Object[] to, int rangeKey, int rangeType) {
            this.from = from;
            this.to = to;
            this.rangeKey = rangeKey;
            this.rangeType = rangeType;
        }

        /** How many entries it holds: O(log n), from the map's page counts. */
        long size() {
            return rank(to) - rank(from);
        }

        private long rank(Object[] probe) {
            return -entries.getKeyIndex(probe) - 1; // a probe is never found: its insertion point
        }

        /**
         * Whether its entries are exactly the documents the range matches. A range in MongoDB matches values of its
         * bound's type only; an index orders values by type first, so the entries between two of that type are all
         * of it, and an open end is checked at the span's first and last entries.
         */
        boolean exact() {
            if (rangeType == -1) {
                return true; // equalities only
            }
            if (rangeType == -2) {
                return false;
            }
            if (size() == 0) {
                return true;
            }
            Object[] first = entries.ceilingKey(from);
            Object[] last = entries.floorKey(to);
            return IndexedQuery.typeOf(first[rangeKey]) == rangeType && IndexedQuery.typeOf(last[rangeKey]) == rangeType;
        }

        /** The positions of its documents, in index order or reversed, after skipping {@code skip} entries. */
        Iterator<Object> positions(boolean reverse, long skip) {
            long first = rank(from);
            long end = rank(to);
            if (skip >= end - first) {
                return java.util.Collections.emptyIterator();
            }
            // the first entry to read, found by its index in the map (Cursor.skip wraps around past the end)
            Cursor<Object[], Boolean> cursor = reverse
                    ? entries.cursor(skip == 0 ? to : entries.getKey(end - 1 - skip), from, true)
                    : entries.cursor(skip == 0 ? from : entries.getKey(first + skip), to, false);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public Object next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Object[] key = cursor.next();
                    return key[key.length - 1];
                }
            };
        }
    }

    /**
     * The entries' keys: compared by the server's own value order, each key in its index direction (the
     * {@code _id} last, ascending), and written compactly (the type byte, then the value).
     */
    static final class KeyType extends BasicDataType<Object[]> {

        private static final byte NULL = 0;
        private static final byte INSTANT = 1;
        private static final byte OTHER = 2;

        private final boolean[] ascending;
        private final ObjectDataType values = new ObjectDataType();

        KeyType(boolean[] ascending) {
            this.ascending = ascending;
        }

        @Override
        public int compare(Object[] a, Object[] b) {
            int common = Math.min(a.length, b.length);
            for (int i = 0; i < common; i++) {
                if (a[i] instanceof Edge || b[i] instanceof Edge) {
                    // an edge is placed in index order already: before or after every value, whatever the direction
                    int c = Integer.compare(edgeOrder(a[i]), edgeOrder(b[i]));
                    if (c != 0) {
                        return c;
                    }
                    continue;
                }
                int c = ValueComparator.asc().compare(a[i], b[i]);
                if (c != 0) {
                    return i < ascending.length && !ascending[i] ? -c : c;
                }
            }
            return Integer.compare(a.length, b.length);
        }

        private static int edgeOrder(Object value) {
            return value == Edge.BEFORE ? -1 : value == Edge.AFTER ? 1 : 0;
        }

        @Override
        public int getMemory(Object[] key) {
            int memory = 24 + 8 * key.length;
            for (Object value : key) {
                memory += value instanceof String s ? 40 + 2 * s.length() : 24;
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, Object[] key) {
            buffer.putVarInt(key.length);
            for (Object value : key) {
                if (value == null || value instanceof Missing) {
                    buffer.put(NULL);
                } else if (value instanceof Instant instant) {
                    buffer.put(INSTANT).putLong(instant.getEpochSecond()).putInt(instant.getNano());
                } else {
                    buffer.put(OTHER);
                    values.write(buffer, value);
                }
            }
        }

        @Override
        public Object[] read(ByteBuffer buffer) {
            int length = org.h2.mvstore.DataUtils.readVarInt(buffer);
            Object[] key = new Object[length];
            for (int i = 0; i < length; i++) {
                byte type = buffer.get();
                key[i] = switch (type) {
                    case NULL -> null;
                    case INSTANT -> Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
                    case OTHER -> values.read(buffer);
                    default -> throw new IllegalStateException("unknown value type " + type + " in an index entry");
                };
            }
            return key;
        }

        @Override
        public Object[][] createStorage(int size) {
            return new Object[size][];
        }
    }

    /** All entries' positions, for tests of the index against the documents. */
    List<Object> positions() {
        List<Object> positions = new ArrayList<>();
        entries.keyIterator(null).forEachRemaining(key -> positions.add(key[key.length - 1]));
        return positions;
    }
}
