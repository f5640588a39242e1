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
    private final HeadMemo<Bookmark> bookmarks = new HeadMemo<>();

    /** Where a page in the default order ended: the offset after it and its last row's id. */
    private record Bookmark(long offset, long lastRowId) {
    }

    public RosterReader(DataSource dataSource) {
        this.dataSource = dataSource;
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
                // A client walking the default order page after page starts each page after the last row of the one before
                // (kept while nothing changed), rather than walking the offset again from the start.
                Bookmark mark = request.sort() == null ? bookmarks.get(from + order, parameters, head) : null;
                Long after = mark != null && mark.offset() == request.offset() ? mark.lastRowId() : null;
                String keyset = after == null ? "" : " AND " + collection.rowId() + (request.descending() ? " < ?" : " > ?");
                // Deferred join: the offset is walked over row ids alone (the joins the page does not filter or sort on are
                // left out by MariaDB's table elimination), then only the page's rows are joined and turned into JSON.
                try (PreparedStatement select = connection.prepareStatement("SELECT page.page_id AS page_row_id, " + collection.select()
                        + " FROM (SELECT " + collection.rowId() + " AS page_id FROM " + from + keyset + order + " LIMIT ? OFFSET ?) page "
                        + "JOIN (" + collection.from() + ") ON " + collection.rowId() + " = page.page_id" + order)) {
                    int next = bind(select, parameters);
                    if (after != null) {
                        select.setLong(next++, after);
                    }
                    select.setInt(next, request.limit());
                    select.setLong(next + 1, after == null ? request.offset() : 0);
                    long last = 0;
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            rows.add(collection.json().of(row, refs));
                            last = row.getLong("page_row_id");
                        }
                    }
                    if (request.sort() == null && !rows.isEmpty()) {
                        bookmarks.put(from + order, parameters, head, new Bookmark(request.offset() + rows.size(), last));
                    }
                }
            }
            return new Listing(total, rows);
        } catch (SQLException e) {
            throw unavailable(e);
        }
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
