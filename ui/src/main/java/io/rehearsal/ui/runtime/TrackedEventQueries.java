package io.rehearsal.ui.runtime;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * How the embedded event store reads the events after a tracking token that has gaps (events not yet committed when
 * the token moved past them, as concurrent transactions leave them). Axon's own statement,
 * {@code (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (gaps)}, gives H2 no index range for the OR, so
 * it scans the whole event table for every fetch: the shared reader's cost grew with the store, and an outage of
 * 3,000 spent a fifth of its CPU there. The same condition within the range it implies (from the oldest gap to the
 * end of the batch; gaps lie behind the token) reads only that range of the primary key, and selects exactly the
 * same events.
 */
final class TrackedEventQueries {

    private TrackedEventQueries() {
    }

    /** Same signature and result as Axon's {@code JdbcEventStorageEngineStatements.readEventDataWithGaps}. */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        String index = schema.globalIndexColumn();
        long lowest = globalIndex + 1;
        for (long gap : gaps) {
            lowest = Math.min(lowest, gap);
        }
        String inGaps = gaps.isEmpty() ? ""
                : " OR " + index + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")";
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + index + " BETWEEN ? AND ? AND ((" + index + " > ? AND " + index + " <= ?)" + inGaps + ")"
                + " ORDER BY " + index + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, lowest);
        statement.setLong(2, globalIndex + batchSize);
        statement.setLong(3, globalIndex);
        statement.setLong(4, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 5, gaps.get(i));
        }
        return statement;
    }
}
