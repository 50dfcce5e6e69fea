package io.rehearsal.ui.runtime;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store's read of a token with gaps: Axon's result, by an index range instead of a table scan. */
class TrackedEventQueriesTest {

    private static final int EVENTS = 20_000;
    private static final int BATCH = 100;
    private static final EventSchema SCHEMA = new EventSchema();

    private Connection connection;

    @BeforeEach
    void eventTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:gaps-" + System.nanoTime());
        try (Statement sql = connection.createStatement()) {
            sql.execute("RUNSCRIPT FROM 'classpath:db/embedded-schema.sql'");
            sql.execute("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                    + "payload, payloadType, timeStamp) SELECT 'test-' || (X / 20), MOD(X, 20), 'DrTest', "
                    + "'event-' || X, X'7b7d', 'io.rehearsal.api.SomeEvent', '2026-12-02T10:00:00Z' "
                    + "FROM SYSTEM_RANGE(1, " + EVENTS + ")");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void selectsExactlyWhatAxonsStatementSelects() throws SQLException {
        Random draw = new Random(12);
        for (int round = 0; round < 50; round++) {
            long index = 1 + draw.nextInt(EVENTS);
            List<Long> gaps = new ArrayList<>();
            for (int i = draw.nextInt(6); i > 0; i--) {
                gaps.add(Math.max(1, index - 1 - draw.nextInt(3_000)));
            }
            if (gaps.isEmpty()) {
                gaps.add(index - 1); // Axon asks this statement only for a token with gaps
            }
            assertThat(indexes(TrackedEventQueries.readEventDataWithGaps(connection, SCHEMA, index, BATCH, gaps)))
                    .as("token at %d with gaps %s", index, gaps)
                    .isEqualTo(indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA,
                            index, BATCH, gaps)));
        }
    }

    @Test
    void readsFromTheOldestGapNotTheWholeTable() throws SQLException {
        long index = EVENTS - 500;
        List<Long> gaps = List.of(index - 40, index - 3);
        long axonScanned = scanCount(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA,
                index, BATCH, gaps));
        long scanned = scanCount(TrackedEventQueries.readEventDataWithGaps(connection, SCHEMA, index, BATCH, gaps));
        assertThat(axonScanned).as("rows Axon's statement makes H2 read").isGreaterThanOrEqualTo(EVENTS);
        assertThat(scanned).as("rows read from the oldest gap on (40 before the token, a batch of 100 after)")
                .isLessThanOrEqualTo(40 + BATCH + 2);
    }

    private static List<Long> indexes(PreparedStatement statement) throws SQLException {
        List<Long> read = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                read.add(rows.getLong(SCHEMA.globalIndexColumn()));
            }
        }
        return read;
    }

    /** How many rows H2 read to answer: its EXPLAIN ANALYZE of the statement's SQL with the values in place. */
    private long scanCount(PreparedStatement statement) throws SQLException {
        String sql;
        try (statement) {
            sql = statement.unwrap(org.h2.jdbc.JdbcPreparedStatement.class).toString();
        }
        // H2 prints a prepared statement as "prepN: SQL {1: value, 2: value, ...}": put the values in place
        Matcher printed = Pattern.compile("^\\S+: (.*) \\{(.*)}$").matcher(sql);
        assertThat(printed.matches()).as("H2's form of %s", sql).isTrue();
        String query = printed.group(1);
        for (String parameter : printed.group(2).split(", ")) {
            query = query.replaceFirst("\\?", parameter.substring(parameter.indexOf(": ") + 2));
        }
        try (Statement explain = connection.createStatement();
             ResultSet plan = explain.executeQuery("EXPLAIN ANALYZE " + query)) {
            plan.next();
            Matcher count = Pattern.compile("scanCount: (\\d+)").matcher(plan.getString(1));
            assertThat(count.find()).as("a scan count in the plan").isTrue();
            return Long.parseLong(count.group(1));
        }
    }
}
