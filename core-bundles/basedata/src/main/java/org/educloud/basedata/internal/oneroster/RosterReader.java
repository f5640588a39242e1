package org.educloud.basedata.internal.oneroster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.identity.Caller;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads OneRoster collections for a caller: the rows they may see, filtered, sorted and paged by
 * offset as the spec's query parameters ask, with the total for {@code X-Total-Count}.
 */
public final class RosterReader {

    /** One page and how many rows the whole filtered collection has. */
    public record Listing(long total, List<ObjectNode> rows) {
    }

    /** Which page: a filter (or null), a sort field (or null for the stable default order), offset and limit. */
    public record Request(OneRosterFilter filter, String sort, boolean descending, long offset, int limit) {
    }

    private final DataSource dataSource;
    private final HeadMemo<Long> totals = new HeadMemo<>();
    // fewer than the totals: each holds up to OffsetRuler.MAX_MARKS marks
    private final HeadMemo<OffsetRuler> rulers = new HeadMemo<>(64);

    private final long rulerStep;

    public RosterReader(DataSource dataSource) {
        this(dataSource, OffsetRuler.STEP);
    }

    /** A reader whose pages walk at most {@code rulerStep} rows past a known one (tests use small steps). */
    public RosterReader(DataSource dataSource, long rulerStep) {
        this.dataSource = dataSource;
        this.rulerStep = rulerStep;
    }

    /**
     * @throws RosterCollection.UnknownField    for a filter or sort on a field the collection lacks
     * @throws RosterCollection.NotPermitted    when the caller may read none of it anywhere
     * @throws BasedataProblem                  (unavailable) when the database does not answer
     */
    public Listing list(Caller caller, RosterCollection collection, Request request, GuidRefs refs) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE ").append(collection.condition()).append(" AND ")
                .append(collection.visibility().condition(caller, parameters));
        if (request.filter() != null) {
            where.append(" AND ").append(collection.sql(request.filter(), parameters));
        }
        String direction = request.descending() ? " DESC" : " ASC";
        // The row id last keeps the order total, so offsets never skip or repeat rows that sort alike.
        String order = " ORDER BY " + (request.sort() == null ? "" : collection.sortColumn(request.sort()).sql() + direction + ", ")
                + collection.rowId() + direction;
        try (Connection connection = dataSource.getConnection()) {
            String from = collection.from() + where;
            long head = HeadMemo.head(connection);
            long total = total(connection, from, parameters, head);
            List<ObjectNode> rows = new ArrayList<>();
            if (request.offset() < total) {
                // In the default order a page starts after the nearest known row before it (where an earlier page ended,
                // or a mark laid on the way to a far jump), kept while nothing changed, and walks only the rest.
                OffsetRuler ruler = request.sort() == null ? ruler(connection, collection.rowId(), from, order, parameters, head, request) : null;
                OffsetRuler.Mark mark = ruler == null ? new OffsetRuler.Mark(0, null) : ruler.from(request.offset());
                String keyset = mark.lastRowId() == null ? "" : " AND " + collection.rowId() + (request.descending() ? " < ?" : " > ?");
                // Deferred join: the offset is walked over row ids alone (the joins the page does not filter or sort on are
                // left out by MariaDB's table elimination), then only the page's rows are joined and turned into JSON.
                try (PreparedStatement select = connection.prepareStatement("SELECT page.page_id AS page_row_id, " + collection.select()
                        + " FROM (SELECT " + collection.rowId() + " AS page_id FROM " + from + keyset + order + " LIMIT ? OFFSET ?) page "
                        + "JOIN (" + collection.from() + ") ON " + collection.rowId() + " = page.page_id" + order)) {
                    int next = bind(select, parameters);
                    if (mark.lastRowId() != null) {
                        select.setLong(next++, mark.lastRowId());
                    }
                    select.setInt(next, request.limit());
                    select.setLong(next + 1, request.offset() - mark.offset());
                    long last = 0;
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            rows.add(collection.json().of(row, refs));
                            last = row.getLong("page_row_id");
                        }
                    }
                    if (ruler != null && !rows.isEmpty()) {
                        ruler.mark(request.offset() + rows.size(), last);
                    }
                }
            }
            return new Listing(total, rows);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * The query's ruler at this head. A page farther than the ruler's step past its nearest mark
     * first lays marks every step rows up to it, in one pass over the row ids that
     * numbers them (the same walk the page would make, done once for all later pages).
     */
    private OffsetRuler ruler(Connection connection, String rowId, String from, String order, List<Object> parameters, long head,
            Request request) throws SQLException {
        OffsetRuler ruler = rulers.get(from + order, parameters, head);
        if (ruler == null) {
            ruler = new OffsetRuler(rulerStep);
            rulers.put(from + order, parameters, head, ruler);
        }
        OffsetRuler.Mark start = ruler.from(request.offset());
        long distance = request.offset() - start.offset();
        if (distance <= ruler.step()) {
            return ruler;
        }
        String keyset = start.lastRowId() == null ? "" : " AND " + rowId + (request.descending() ? " < ?" : " > ?");
        try (PreparedStatement marks = connection.prepareStatement("SELECT mark_id, mark_n FROM (SELECT " + rowId + " AS mark_id, "
                + "ROW_NUMBER() OVER (" + order.strip() + ") AS mark_n FROM " + from + keyset + ") numbered WHERE mark_n % ? = 0 "
                + "AND mark_n <= ?")) {
            int next = bind(marks, parameters);
            if (start.lastRowId() != null) {
                marks.setLong(next++, start.lastRowId());
            }
            marks.setLong(next, ruler.step());
            marks.setLong(next + 1, distance);
            try (ResultSet row = marks.executeQuery()) {
                while (row.next()) {
                    ruler.mark(start.offset() + row.getLong("mark_n"), row.getLong("mark_id"));
                }
            }
        }
        return ruler;
    }

    /** The size of the filtered collection, counted only when data changed since it was last counted. */
    private long total(Connection connection, String from, List<Object> parameters, long head) throws SQLException {
        Long kept = totals.get(from, parameters, head);
        if (kept != null) {
            return kept;
        }
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + from)) {
            bind(count, parameters);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                totals.put(from, parameters, head, row.getLong(1));
                return row.getLong(1);
            }
        }
    }

    /** The row with this sourced id, when the caller may see it. */
    public Optional<ObjectNode> find(Caller caller, RosterCollection collection, String sourcedId, GuidRefs refs) {
        List<Object> parameters = new ArrayList<>();
        String visible = collection.visibility().condition(caller, parameters);
        parameters.add(sourcedId);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + collection.select() + " FROM " + collection.from()
                     + " WHERE " + collection.condition() + " AND " + visible + " AND " + collection.sourcedId() + " = ?")) {
            bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(collection.json().of(row, refs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Every row the caller may see, in the default order, one at a time: the result set is streamed
     * from the server, so memory stays flat whatever the collection's size (for exports).
     */
    public void stream(Caller caller, RosterCollection collection, GuidRefs refs, java.util.function.Consumer<ObjectNode> sink) {
        List<Object> parameters = new ArrayList<>();
        String visible = collection.visibility().condition(caller, parameters);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + collection.select() + " FROM " + collection.from()
                     + " WHERE " + collection.condition() + " AND " + visible + " ORDER BY " + collection.rowId(),
                     ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(1000);
            bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sink.accept(collection.json().of(row, refs));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static int bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object value : parameters) {
            statement.setObject(index++, value);
        }
        return index;
    }

    private static BasedataProblem unavailable(SQLException e) {
        return new BasedataProblem(Kind.UNAVAILABLE, "", "the basic-data database did not answer (" + e.getMessage()
                + "); try again shortly, and if it persists check the platform health");
    }
}
