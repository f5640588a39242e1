package org.educloud.basedata.internal.oneroster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query over basic data answered, kept while the change feed's head (its highest committed
 * cursor) is where it was when the query ran: the {@code X-Total-Count} of a filtered collection, or
 * where the pages served ended ({@link OffsetRuler}). A client paging through 100,000 users would otherwise count them
 * on every page, and walk every offset from the start.
 *
 * <p>Read the head before running the query. Every write to basic data commits its change-feed row in
 * its own transaction, and cursors commit in order (see {@code ChangeLog}), so an unmoved head means
 * nothing was committed since it was read: what is kept is still exact, not an estimate. While data
 * changes, every query runs again, as before. At most {@value #KEPT} answers are kept by default (the least recently
 * used go first), so memory does not grow with the filters clients send.
 *
 * @param <V> what is kept for a query
 */
final class HeadMemo<V> {

    private static final int KEPT = 512;

    private final int capacity;

    /** A query: its SQL and parameters. */
    private record Question(String sql, List<Object> parameters) {
    }

    private record Kept<V>(long head, V value) {
    }

    private final Map<Question, Kept<V>> kept = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Question, Kept<V>> eldest) {
            return size() > capacity;
        }
    };

    /** Keeps up to {@value #KEPT} answers. */
    HeadMemo() {
        this(KEPT);
    }

    /** Keeps up to {@code capacity} answers (fewer, for large ones). */
    HeadMemo(int capacity) {
        this.capacity = capacity;
    }

    /** The change feed's head now: read it before the query whose answer is kept with it. */
    static long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT MAX(cursor_id) FROM bd_change")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** What was kept for this query at this head, or null. */
    V get(String sql, List<Object> parameters, long head) {
        synchronized (kept) {
            Kept<V> answer = kept.get(new Question(sql, new ArrayList<>(parameters)));
            return answer != null && answer.head() == head ? answer.value() : null;
        }
    }

    /** Keeps the query's answer with the head read before it ran. */
    void put(String sql, List<Object> parameters, long head, V value) {
        synchronized (kept) {
            kept.put(new Question(sql, new ArrayList<>(parameters)), new Kept<>(head, value));
        }
    }
}
