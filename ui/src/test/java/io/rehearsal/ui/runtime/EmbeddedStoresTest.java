package io.rehearsal.ui.runtime;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's H2 URL. Axon interrupts a unit of work that outlives its timeout: on H2's plain file system an
 * interrupt while a query reads the file closes it for every connection ("Reading from file ... failed") until a
 * restart. And the BLOBs Axon writes stay in their rows.
 */
class EmbeddedStoresTest {

    private static final int ROWS = 100_000;
    private static final int ROUNDS = 10;

    @Test
    void withThePlainFileSystemOneInterruptedReaderBreaksTheStoreForEveryone(@TempDir Path dir) throws Exception {
        // the hazard the event store's URL avoids, shown with the same rounds as the test below
        String url = "jdbc:h2:file:" + dir.resolve("plain") + ";WRITE_DELAY=0";
        fill(url);
        assertThat(roundsUntilBroken(url)).as("a round in which the other connection could no longer read")
                .isPositive();
    }

    @Test
    void theEventStoreStaysReadableWhenReadersAreInterruptedMidQuery(@TempDir Path dir) throws Exception {
        String url = EmbeddedStores.jdbcUrl(dir, false);
        fill(url);
        assertThat(roundsUntilBroken(url)).as("rounds until broken (0: never)").isZero();
    }

    @Test
    void blobsStayInTheirRowsAndOnesAnEarlierVersionStoredOutOfLineStillRead(@TempDir Path dir) throws Exception {
        byte[] payload = new byte[3_000]; // a test's start with a large configuration
        new Random(7).nextBytes(payload);
        String earlier = "jdbc:h2:retry:" + dir.resolve("rehearsal") + ";WRITE_DELAY=0"; // H2's default: 256 bytes
        try (Connection store = DriverManager.getConnection(earlier)) {
            store.createStatement().execute("CREATE TABLE e (id INT PRIMARY KEY, payload BLOB NOT NULL)");
            insert(store, 1, payload);
        }
        assertThat(blobsOutOfLine(dir)).as("BLOBs in H2's LOB maps, written with its default").isEqualTo(1);

        try (Connection store = DriverManager.getConnection(EmbeddedStores.jdbcUrl(dir, false))) {
            insert(store, 2, payload);
            ResultSet rows = store.createStatement().executeQuery("SELECT id, payload FROM e ORDER BY id");
            for (int id = 1; id <= 2; id++) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(id);
                assertThat(rows.getBytes(2)).as("payload %d read back", id).isEqualTo(payload);
            }
        }
        assertThat(blobsOutOfLine(dir)).as("BLOBs in H2's LOB maps once one more was written").isEqualTo(1);
    }

    private static void insert(Connection store, int id, byte[] payload) throws SQLException {
        try (PreparedStatement insert = store.prepareStatement("INSERT INTO e VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setBytes(2, payload);
            insert.executeUpdate();
        }
    }

    /** The blocks in H2's map of LOB data (one per BLOB of this size), read from the closed file. */
    private static int blobsOutOfLine(Path dir) {
        MVStore file = new MVStore.Builder().fileName(dir.resolve("rehearsal.mv.db").toString()).readOnly().open();
        try {
            return !file.hasMap("lobData") ? 0 : file.openMap("lobData", new MVMap.Builder<Long, byte[]>()
                    .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE)).size();
        } finally {
            file.close();
        }
    }

    /** Interrupts a scanning reader, then reads with another connection; the round that failed, or 0. */
    private static int roundsUntilBroken(String url) throws Exception {
        try (Connection reader = DriverManager.getConnection(url);
             Connection other = DriverManager.getConnection(url)) {
            reader.createStatement().execute("SET CACHE_SIZE 1024"); // small, so the scans read the file
            for (int round = 1; round <= ROUNDS; round++) {
                scanUntilInterrupted(reader);
                try {
                    ResultSet rows = other.createStatement()
                            .executeQuery("SELECT COUNT(*), SUM(LENGTH(v)) FROM t WHERE MOD(id, 5) = " + round % 5);
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(ROWS / 5);
                } catch (SQLException broken) {
                    return round;
                }
            }
            return 0;
        }
    }

    private static void scanUntilInterrupted(Connection reader) throws InterruptedException {
        Thread me = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(25);
                me.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (int k = 0; System.nanoTime() < deadline && !me.isInterrupted(); k++) {
                ResultSet r = reader.createStatement()
                        .executeQuery("SELECT SUM(LENGTH(v)) FROM t WHERE MOD(id, 7) = " + k % 7);
                r.next();
            }
        } catch (SQLException e) {
            // the query running when the interrupt came may fail; what matters is the store afterwards
        } finally {
            Thread.interrupted(); // cleared first: join would throw on it
            interrupter.join(5000);
            Thread.interrupted();
        }
    }

    private static void fill(String url) throws SQLException {
        try (Connection setup = DriverManager.getConnection(url)) {
            setup.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(300))");
            try (PreparedStatement insert = setup.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "x".repeat(200));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
            }
        }
    }
}
