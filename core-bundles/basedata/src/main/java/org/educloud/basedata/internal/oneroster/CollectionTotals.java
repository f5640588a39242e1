package org.educloud.basedata.internal.oneroster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code X-Total-Count} of a filtered collection, counted once for each state of the data rather
 * than on every page: a client paging through 100,000 users would otherwise count them 1,000 times.
 *
 * <p>A total is kept with the change feed's head (its highest committed cursor) read before counting,
 * and served again only while the head is the same. Every write to basic data commits its change-feed
 * row in its own transaction, and cursors commit in order (see {@code ChangeLog}), so an unchanged head
 * means nothing was committed since the head was read: the kept total is the exact count, not an
 * estimate. While data changes, every page counts again, as before. At most {@value #KEPT} totals are
 * kept (the least recently used go first), so memory does not grow with the filters clients send.
 */
final class CollectionTotals {

    private static final int KEPT = 512;

    /** A count and the SQL and parameters it answers. */
    private record Question(String sql, List<Object> parameters) {
    }

    private record Counted(long head, long total) {
    }

    private final Map<Question, Counted> counted = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Question, Counted> eldest) {
            return size() > KEPT;
        }
    };

    /** The result of {@code countSql} (a {@code SELECT COUNT(*)}) with these parameters, counted only when data changed. */
    long total(Connection connection, String countSql, List<Object> parameters) throws SQLException {
        Question question = new Question(countSql, new ArrayList<>(parameters));
        long head = head(connection); // first: a change committed while counting moves the head past what is kept
        synchronized (counted) {
            Counted kept = counted.get(question);
            if (kept != null && kept.head() == head) {
                return kept.total();
            }
        }
        long total;
        try (PreparedStatement count = connection.prepareStatement(countSql)) {
            int index = 1;
            for (Object value : parameters) {
                count.setObject(index++, value);
            }
            try (ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
        }
        synchronized (counted) {
            counted.put(question, new Counted(head, total));
        }
        return total;
    }

    private static long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT MAX(cursor_id) FROM bd_change")) {
            row.next();
            return row.getLong(1);
        }
    }
}
