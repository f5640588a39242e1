package org.educloud.platform.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * The WHERE clause of an {@link AuditQuery} over one audit table, so every log applies the
 * query's conditions alike: actor and action contain the text (case-insensitive), {@code from}
 * inclusive, {@code to} exclusive, ids below {@code beforeId}, and the org condition for each of
 * {@code within} unless it holds {@code /}. Values are always bound as parameters.
 *
 * <pre>{@code
 * AuditSql sql = AuditSql.of("e.id", "e.at", "e.actor", "e.action").orgs("(e.org = :path OR e.org LIKE :under)");
 * List<AuditEvent> events = sql.search(dataSource, "SELECT e.* FROM app_event e", query, row -> new AuditEvent(...));
 * }</pre>
 */
public final class AuditSql {

    private final String id;
    private final String at;
    private final String actor;
    private final String action;
    private final String orgCondition;

    private AuditSql(String id, String at, String actor, String action, String orgCondition) {
        this.id = Objects.requireNonNull(id, "id");
        this.at = Objects.requireNonNull(at, "at");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.action = Objects.requireNonNull(action, "action");
        this.orgCondition = orgCondition;
    }

    /** A table's columns (or expressions) for the id, the time, the actor and the action. */
    public static AuditSql of(String id, String at, String actor, String action) {
        return new AuditSql(id, at, actor, action, null);
    }

    /**
     * How an event belongs to one org's subtree: SQL in which {@code :path} stands for the org's
     * path ({@code /37/3701}) and {@code :under} for a LIKE pattern of everything below it
     * ({@code /37/3701/%}). Without one, events of this table belong to no org: they are found
     * only when {@link AuditQuery#everywhere()}.
     */
    public AuditSql orgs(String condition) {
        if (!condition.contains(":path") && !condition.contains(":under")) {
            throw new IllegalArgumentException("the org condition uses neither :path nor :under: " + condition);
        }
        return new AuditSql(id, at, actor, action, condition);
    }

    /** The clause, starting with {@code " WHERE "}, and its parameters in order. */
    public Where where(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        query.actor().ifPresent(text -> {
            conditions.add("LOWER(" + actor + ") LIKE ?");
            parameters.add(contains(text));
        });
        query.action().ifPresent(text -> {
            conditions.add("LOWER(" + action + ") LIKE ?");
            parameters.add(contains(text));
        });
        query.from().ifPresent(instant -> {
            conditions.add(at + " >= ?");
            parameters.add(instant);
        });
        query.to().ifPresent(instant -> {
            conditions.add(at + " < ?");
            parameters.add(instant);
        });
        if (query.beforeId() > 0) {
            conditions.add(id + " < ?");
            parameters.add(query.beforeId());
        }
        if (!query.everywhere()) {
            if (orgCondition == null) {
                conditions.add("FALSE"); // tied to no org: only region-wide readers see these events
            } else {
                List<String> any = new ArrayList<>();
                for (String path : query.within()) {
                    any.add(orgCondition(path, parameters));
                }
                conditions.add("(" + String.join(" OR ", any) + ")");
            }
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
    }

    /** Reads one event from a row of the select. */
    @FunctionalInterface
    public interface EventReader {
        AuditEvent read(ResultSet row) throws SQLException;
    }

    /**
     * Runs {@code select} (a SELECT ... FROM ... without WHERE) with the query's clause, newest id
     * first, at most {@code query.limit()} rows.
     *
     * @throws IllegalStateException when the database cannot be read, saying so
     */
    public List<AuditEvent> search(DataSource dataSource, String select, AuditQuery query, EventReader reader) {
        Where where = where(query);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(select + where.sql() + " ORDER BY " + id + " DESC LIMIT ?")) {
            statement.setInt(where.bind(statement), query.limit());
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(reader.read(rows));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log could not be read: " + e.getMessage()
                    + " (check the database in GET /api/platform/v1/health)", e);
        }
    }

    private String orgCondition(String path, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        int i = 0;
        while (i < orgCondition.length()) {
            if (orgCondition.startsWith(":path", i)) {
                sql.append('?');
                parameters.add(path);
                i += ":path".length();
            } else if (orgCondition.startsWith(":under", i)) {
                sql.append('?');
                parameters.add(escape(path) + "/%");
                i += ":under".length();
            } else {
                sql.append(orgCondition.charAt(i++));
            }
        }
        return sql.toString();
    }

    private static String contains(String text) {
        return "%" + escape(text.toLowerCase(Locale.ROOT)) + "%";
    }

    /** LIKE's wildcards taken literally (MariaDB's default escape character is the backslash). */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * A WHERE clause and its parameters.
     *
     * @param sql        empty, or {@code " WHERE ..."}
     * @param parameters the values of its {@code ?}s in order: strings, longs and instants
     */
    public record Where(String sql, List<Object> parameters) {

        public Where {
            parameters = List.copyOf(parameters);
        }

        /** Binds the parameters from index 1; returns the index of the next parameter (for a LIMIT). */
        public int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Object parameter : parameters) {
                if (parameter instanceof Instant instant) {
                    statement.setTimestamp(index++, Timestamp.from(instant));
                } else if (parameter instanceof Long number) {
                    statement.setLong(index++, number);
                } else {
                    statement.setString(index++, (String) parameter);
                }
            }
            return index;
        }
    }
}
