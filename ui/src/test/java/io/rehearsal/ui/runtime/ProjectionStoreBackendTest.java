package io.rehearsal.ui.runtime;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionStoreBackendTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> STATUSES = List.of("RUNNING", "COMPLETED", "FAILED");
    private static final List<String> RESULTS = List.of("SUCCESSFUL", "SUCCESSFUL_WITH_ISSUES", "UNSUCCESSFUL",
            "NOT_EVALUATED");

    @Test
    void aGuardedUpdateByIdChangesThatDocumentOnlyAndOnlyWhenTheGuardHolds(@TempDir Path dir) {
        withServer(ProjectionStoreBackend.open(dir.resolve("views.mv").toString(), 16), db -> {
            MongoCollection<Document> views = db.getCollection("views");
            views.insertOne(new Document("_id", "a").append("seq", 1L).append("status", "RUNNING"));
            views.insertOne(new Document("_id", "b").append("seq", 1L).append("status", "RUNNING"));

            long applied = views.updateOne(new Document("_id", "a").append("seq", new Document("$lt", 2L)),
                    new Document("$set", new Document("status", "COMPLETED").append("seq", 2L))).getModifiedCount();
            long redelivered = views.updateOne(new Document("_id", "a").append("seq", new Document("$lt", 2L)),
                    new Document("$set", new Document("status", "FAILED").append("seq", 2L))).getModifiedCount();
            long otherField = views.updateOne(new Document("_id", "b").append("status", "COMPLETED"),
                    new Document("$set", new Document("seq", 9L))).getModifiedCount();

            assertThat(applied).isEqualTo(1);
            assertThat(redelivered).isZero();
            assertThat(otherField).isZero();
            assertThat(views.find().into(new ArrayList<>())).extracting(d -> d.getString("status"))
                    .containsExactly("COMPLETED", "RUNNING");
        });
    }

    @Test
    void opensWhatThePlainBackendWrote(@TempDir Path dir) {
        String file = dir.resolve("views.mv").toString();
        withServer(new H2Backend(file), db -> db.getCollection("views")
                .insertOne(new Document("_id", "a").append("seq", 3L)));

        withServer(ProjectionStoreBackend.open(file, 16), db ->
                assertThat(db.getCollection("views").find(new Document("_id", "a").append("seq", 3L)).first())
                        .isNotNull());
    }

    /**
     * The history's indexes on one collection, none on its twin: every page and count the history asks for is the
     * same on both, after inserts, updates that move documents between keys, deletes, and a reopen of the file.
     */
    @Test
    void everyQueryOfTheHistoryAnswersAsAScanDoesThroughUpdatesDeletesAndAReopen(@TempDir Path dir) {
        String file = dir.resolve("views.mv").toString();
        withServer(ProjectionStoreBackend.open(file, 16), db -> {
            declareHistoryIndexes(db.getCollection("indexed"));
            seed(db, 600, new Random(7));
            assertSameAnswers(db);

            Random random = new Random(11);
            for (int i = 0; i < 150; i++) {
                String id = "t" + random.nextInt(600);
                Bson change = switch (i % 3) {
                    case 0 -> Updates.set("status", STATUSES.get(random.nextInt(3)));
                    case 1 -> Updates.combine(Updates.set("result", RESULTS.get(random.nextInt(4))),
                            Updates.set("seq", (long) i));
                    default -> Updates.set("startedAt", Date.from(T0.plusSeconds(60L * random.nextInt(200))));
                };
                both(db, views -> views.updateOne(Filters.eq("_id", id), change));
            }
            both(db, views -> views.deleteMany(Filters.eq("environmentId", "env-3")));
            both(db, views -> views.deleteOne(Filters.eq("_id", "t17")));
            both(db, views -> views.updateMany(Filters.eq("status", "RUNNING"), Updates.unset("result")));
            assertSameAnswers(db);
            assertEveryDocumentHasOneEntryPerIndex(db);
        });

        withServer(ProjectionStoreBackend.open(file, 16), db -> {
            declareHistoryIndexes(db.getCollection("indexed")); // as the projection does at every start
            assertSameAnswers(db);
            assertEveryDocumentHasOneEntryPerIndex(db);
        });
    }

    /** A file from before this backend: the server recorded the indexes' declarations, but kept no entries. */
    @Test
    void buildsTheIndexesOfAFileWrittenWithoutThem(@TempDir Path dir) {
        String file = dir.resolve("views.mv").toString();
        withServer(new H2Backend(file), db -> {
            declareHistoryIndexes(db.getCollection("indexed"));
            seed(db, 300, new Random(3));
        });

        withServer(ProjectionStoreBackend.open(file, 16), db -> {
            assertEveryDocumentHasOneEntryPerIndex(db);
            assertSameAnswers(db);
        });
    }

    /**
     * A document written without its index entries, as MVStore may persist it when the process dies between the
     * two maps: a query the index serves does not see it (the index, not a scan, answered); after an end without
     * close the next start builds the indexes again from the documents, and sees it.
     */
    @Test
    void buildsTheIndexesAgainAfterAnEndWithoutClose(@TempDir Path dir) {
        Path file = dir.resolve("views.mv");
        Path crashed = dir.resolve("crashed.mv");
        ProjectionStoreBackend backend = ProjectionStoreBackend.open(file.toString(), 16);
        withServer(backend, db -> {
            declareHistoryIndexes(db.getCollection("indexed"));
            seed(db, 100, new Random(5));
            MVStore store = backend.getMvStore();
            store.<Object, de.bwaldvogel.mongo.bson.Document>openMap("databases.rehearsal.indexed").put("lost",
                    new de.bwaldvogel.mongo.bson.Document("_id", "lost").append("environmentId", "env-lost")
                            .append("status", "FAILED").append("result", "NOT_EVALUATED")
                            .append("startedAt", T0));
            store.commit();
            assertThat(db.getCollection("indexed").countDocuments(Filters.eq("environmentId", "env-lost"))).isZero();
            copy(file, crashed); // the file as kill -9 would leave it: the store is open
        });

        withServer(ProjectionStoreBackend.open(crashed.toString(), 16), db -> {
            MongoCollection<Document> indexed = db.getCollection("indexed");
            assertThat(indexed.find(Filters.eq("environmentId", "env-lost")).into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id")).containsExactly("lost");
            assertThat(indexed.countDocuments(Filters.eq("status", "FAILED")))
                    .isEqualTo(indexed.find().into(new ArrayList<>()).stream()
                            .filter(d -> "FAILED".equals(d.getString("status"))).count());
        });
    }

    /** An array in an indexed field: MongoDB would match its elements; the index steps aside, answers stay right. */
    @Test
    void anArrayInAnIndexedFieldLeavesTheQueriesToAScan(@TempDir Path dir) {
        withServer(ProjectionStoreBackend.open(dir.resolve("views.mv").toString(), 16), db -> {
            declareHistoryIndexes(db.getCollection("indexed"));
            seed(db, 50, new Random(9));
            both(db, views -> views.insertOne(new Document("_id", "tags").append("environmentId", List.of("env-1", "env-2"))
                    .append("status", "COMPLETED").append("result", "SUCCESSFUL").append("startedAt", Date.from(T0))));
            assertSameAnswers(db);
            assertThat(db.getCollection("indexed").countDocuments(Filters.eq("environmentId", "env-2")))
                    .isEqualTo(db.getCollection("scanned").countDocuments(Filters.eq("environmentId", "env-2")));
        });
    }

    private static void declareHistoryIndexes(MongoCollection<Document> history) {
        // the history projection's declarations
        history.createIndex(Indexes.compoundIndex(Indexes.descending("startedAt"), Indexes.ascending("_id")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("environmentId"), Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("environmentId"), Indexes.ascending("status"),
                Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("result"), Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("environmentId"), Indexes.ascending("result"),
                Indexes.descending("startedAt")));
        history.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("result"),
                Indexes.descending("startedAt")));
    }

    /** The same tests in both collections; many share a start, so ties are ordered by _id. */
    private static void seed(MongoDatabase db, int tests, Random random) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < tests; i++) {
            Document doc = new Document("_id", "t" + i).append("environmentId", "env-" + random.nextInt(10))
                    .append("status", STATUSES.get(random.nextInt(3)))
                    .append("startedAt", Date.from(T0.plusSeconds(60L * random.nextInt(200))))
                    .append("seq", 1L);
            if (random.nextInt(20) > 0) {
                doc.append("result", RESULTS.get(random.nextInt(4)));
            }
            docs.add(doc);
        }
        both(db, views -> views.insertMany(docs.stream().map(Document::new).toList()));
    }

    private static void both(MongoDatabase db, Consumer<MongoCollection<Document>> write) {
        write.accept(db.getCollection("indexed"));
        write.accept(db.getCollection("scanned"));
    }

    private static void assertSameAnswers(MongoDatabase db) {
        MongoCollection<Document> indexed = db.getCollection("indexed");
        MongoCollection<Document> scanned = db.getCollection("scanned");
        Date from = Date.from(T0.plusSeconds(60L * 50));
        Date to = Date.from(T0.plusSeconds(60L * 150));
        Bson period = Filters.and(Filters.gte("startedAt", from), Filters.lt("startedAt", to));
        List<Bson> filters = List.of(new Document(),
                Filters.and(Filters.eq("environmentId", "env-4")),
                Filters.and(Filters.eq("status", "FAILED")),
                Filters.and(Filters.eq("result", "SUCCESSFUL")),
                Filters.and(Filters.eq("environmentId", "env-4"), Filters.eq("status", "COMPLETED")),
                Filters.and(Filters.eq("environmentId", "env-4"), Filters.eq("status", "COMPLETED"),
                        Filters.eq("result", "NOT_EVALUATED")),
                Filters.and(Filters.eq("status", "FAILED"), Filters.eq("result", "UNSUCCESSFUL")),
                Filters.and(Filters.gte("startedAt", from)),
                Filters.and(Filters.lt("startedAt", to)),
                period,
                Filters.and(Filters.eq("environmentId", "env-4"), Filters.gte("startedAt", from), Filters.lt("startedAt", to)),
                Filters.and(Filters.eq("status", "RUNNING"), period),
                Filters.and(Filters.eq("result", "SUCCESSFUL"), Filters.gt("startedAt", from), Filters.lte("startedAt", to)),
                Filters.and(Filters.eq("status", "COMPLETED"), Filters.ne("result", "SUCCESSFUL")),
                Filters.eq("status", "NO SUCH STATUS"),
                Filters.eq("_id", "t5"),
                Filters.in("_id", "t1", "t2", "t3", "no such test", "t2"),
                Filters.and(Filters.in("_id", "t1", "t2", "t3", "t4", "t5", "t6"), Filters.eq("status", "FAILED")),
                Filters.eq("environmentId", "env-3"));
        List<Bson> sorts = List.of(Sorts.orderBy(Sorts.descending("startedAt"), Sorts.ascending("_id")),
                Sorts.orderBy(Sorts.ascending("startedAt"), Sorts.descending("_id")),
                Sorts.orderBy(Sorts.ascending("status"), Sorts.ascending("_id")));
        for (Bson filter : filters) {
            assertThat(indexed.countDocuments(filter)).as("count of %s", filter).isEqualTo(scanned.countDocuments(filter));
            for (Bson sort : sorts) {
                for (int[] page : new int[][]{{0, 20}, {40, 20}, {0, 0}}) {
                    assertThat(indexed.find(filter).sort(sort).skip(page[0]).limit(page[1]).into(new ArrayList<>()))
                            .as("%s sorted %s, skip %d, limit %d", filter, sort, page[0], page[1])
                            .isEqualTo(scanned.find(filter).sort(sort).skip(page[0]).limit(page[1]).into(new ArrayList<>()));
                }
            }
        }
    }

    /** The server's own validation lists each index's entries. */
    private static void assertEveryDocumentHasOneEntryPerIndex(MongoDatabase db) {
        long documents = db.getCollection("indexed").countDocuments();
        Document keysPerIndex = db.runCommand(new Document("validate", "indexed")).get("keysPerIndex", Document.class);
        assertThat(keysPerIndex).hasSize(8); // _id and the history's seven
        assertThat(keysPerIndex.values()).allSatisfy(keys -> assertThat(((Number) keys).longValue()).isEqualTo(documents));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void withServer(MongoBackend backend, Consumer<MongoDatabase> work) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            work.accept(client.getDatabase("rehearsal"));
        } finally {
            server.shutdown();
        }
    }
}
