package org.educloud.basedata.internal;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.Page;

/** Reading and writing column values, sourced ids and page cursors the same way in every table. */
final class Rows {

    private static final Pattern SOURCED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");

    private Rows() {
    }

    // java.time straight from the driver: no Calendar, Timestamp or Date per value (a bulk load reads thousands a batch).
    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, Instant.class);
    }

    static LocalDate date(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }

    static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    static void date(PreparedStatement statement, int index, LocalDate value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DATE);
        } else {
            statement.setDate(index, Date.valueOf(value));
        }
    }

    static void integer(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    /** The given sourced id, checked, or a new random one when none is given. */
    static String sourcedIdOrNew(String given) {
        if (given == null || given.isBlank()) {
            return UUID.randomUUID().toString();
        }
        if (!SOURCED_ID.matcher(given).matches()) {
            throw new BasedataProblem(Kind.INVALID, "sourcedId", "sourcedId '" + given
                    + "' is not valid: use 1-64 letters, digits, '.', '_', ':' or '-', or leave it out to get a generated one");
        }
        return given;
    }

    /** The row id after which a page starts. */
    static long after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        if (!CURSOR.matcher(cursor).matches()) {
            throw new BasedataProblem(Kind.INVALID, "after", "after '" + cursor
                    + "' is not a cursor: pass the 'next' value of the previous page as it is, or leave it out for the first page");
        }
        return Long.parseLong(cursor);
    }

    /** A page from up to limit + 1 rows read; the extra row only says there is more. */
    static <T> Page<T> page(List<T> rows, List<Long> ids, int limit) {
        if (rows.size() > limit) {
            return new Page<>(rows.subList(0, limit), Optional.of(String.valueOf(ids.get(limit - 1))));
        }
        return new Page<>(rows, Optional.empty());
    }

    static String required(String value, String field, int max, String example) {
        if (value == null || value.isBlank()) {
            throw new BasedataProblem(Kind.INVALID, field, field + " is required, e.g. " + example);
        }
        return bounded(value.strip(), field, max);
    }

    static String bounded(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new BasedataProblem(Kind.INVALID, field, field + " has " + value.length() + " characters; at most " + max
                    + " fit");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    static BasedataProblem notFound(String what, String sourcedId) {
        return new BasedataProblem(Kind.NOT_FOUND, "", "there is no " + what + " " + sourcedId
                + " that you may see; check the sourcedId (lists give them)");
    }

    static BasedataProblem versionMismatch(String what, String sourcedId, int current, int expected) {
        return new BasedataProblem(Kind.VERSION_MISMATCH, "", what + " " + sourcedId + " is at version " + current
                + ", not " + expected + ": someone changed it since you read it. Read it again (GET), reapply your change "
                + "and send it with If-Match: \"" + current + "\"");
    }

    /** Maps a result row. */
    interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * The rows of {@code select} whose {@code column} is one of {@code values}, by that value (read
     * from the result column {@code key}): one round trip for a whole batch of a bulk load.
     * {@code forUpdate} locks them until the transaction ends.
     */
    static <T> java.util.Map<String, T> byValues(java.sql.Connection connection, String select, String column, String key,
            java.util.Collection<String> values, boolean forUpdate, Mapper<T> mapper) throws SQLException {
        java.util.Map<String, T> found = new java.util.HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
        // The IN list names the rows: read them first (STRAIGHT_JOIN keeps the FROM order). Left to itself, MariaDB may
        // scan the few orgs and join every person of each, reading the whole table per batch: right after a bulk load
        // its statistics still say the table is nearly empty.
        String straight = select.startsWith("SELECT ") ? "SELECT STRAIGHT_JOIN " + select.substring("SELECT ".length()) : select;
        try (PreparedStatement statement = connection.prepareStatement(straight + " WHERE " + column + " IN (" + marks + ")"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            int index = 1;
            for (String value : values) {
                statement.setString(index++, value);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(key), mapper.map(rows));
                }
            }
        }
        return found;
    }
}
