package org.educloud.basedata.internal.oneroster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.educloud.basedata.internal.Where;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One OneRoster collection ({@code orgs}, {@code users}, ...) over the platform's tables: how to
 * select its rows, which fields a filter or sort may name and the SQL behind each, which rows a
 * caller may see, and how a row becomes the spec's JSON.
 *
 * @param plural     the collection's name and the key of a list response, e.g. {@code orgs}
 * @param singular   the key of a single-row response, e.g. {@code org}
 * @param select     the SELECT list, with the aliases {@link #json} reads
 * @param from       the FROM clause with its joins
 * @param rowId      the primary key column, the default order (stable under inserts)
 * @param sourcedId  the sourced id column
 * @param condition  what narrows the table to this collection ({@code TRUE} for all of it)
 * @param fields     every field of the JSON object, in the spec's order (what {@code fields=} may name)
 * @param columns    the fields a filter or sort may name, with their SQL
 * @param visibility which rows the caller may read
 * @param json       the JSON of a row
 */
public record RosterCollection(String plural, String singular, String select, String from, String rowId, String sourcedId, String condition,
        List<String> fields, Map<String, Column> columns, Visibility visibility, RowJson json) {

    /** How a filter value compares with a column. */
    public enum Type {
        TEXT, DATE, TIMESTAMP
    }

    /** The SQL of a filterable, sortable field. */
    public record Column(String sql, Type type) {
        static Column text(String sql) {
            return new Column(sql, Type.TEXT);
        }
    }

    /** The SQL condition for the rows a caller may read, adding its parameters; refuses when they may read none. */
    public interface Visibility {
        String condition(Caller caller, List<Object> parameters);
    }

    /** A result row as the spec's JSON object. */
    public interface RowJson {
        ObjectNode of(ResultSet row, GuidRefs refs) throws SQLException;
    }

    /** Thrown for a field a filter, sort or selection names that this collection does not have. */
    public static final class UnknownField extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        UnknownField(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        /** filter, sort or fields. */
        public String parameter() {
            return parameter;
        }
    }

    /** Thrown when the caller may read no row of the collection anywhere. */
    public static final class NotPermitted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPermitted(String message) {
            super(message);
        }
    }

    public RosterCollection {
        fields = List.copyOf(fields);
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The same collection narrowed further, e.g. schools among orgs. */
    public RosterCollection narrowed(String plural, String singular, String extraCondition) {
        return new RosterCollection(plural, singular, select, from, rowId, sourcedId, "(" + condition + ") AND (" + extraCondition + ")",
                fields, columns, visibility, json);
    }

    /** The column a sort names. */
    public Column sortColumn(String field) {
        Column column = columns.get(field);
        if (column == null) {
            throw new UnknownField("sort", "cannot sort " + plural + " by '" + field + "': sort by one of " + columns.keySet());
        }
        return column;
    }

    /** The fields of {@code fields=a,b}, checked; empty for all. */
    public Set<String> selection(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> selected = new java.util.LinkedHashSet<>();
        for (String part : text.split(",")) {
            String field = part.strip();
            if (!fields.contains(field)) {
                throw new UnknownField("fields", "'" + field + "' is not a field of " + plural + ": select among " + fields);
            }
            selected.add(field);
        }
        return selected;
    }

    /** The filter as SQL, adding its parameters; values are bound, never spliced. */
    public String sql(OneRosterFilter filter, List<Object> parameters) {
        List<String> parts = new ArrayList<>();
        for (OneRosterFilter.Predicate predicate : filter.predicates()) {
            parts.add(sql(predicate, parameters));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + parts.get(0) + " " + filter.logic().name() + " " + parts.get(1) + ")";
    }

    private String sql(OneRosterFilter.Predicate predicate, List<Object> parameters) {
        Column column = columns.get(predicate.field());
        if (column == null) {
            throw new UnknownField("filter", "cannot filter " + plural + " on '" + predicate.field() + "': filter on one of "
                    + columns.keySet());
        }
        if (predicate.operator() == OneRosterFilter.Operator.CONTAINS) {
            parameters.add("%" + Where.escapeLike(predicate.value()) + "%");
            return "(" + column.sql() + " LIKE ?)";
        }
        parameters.add(value(predicate, column.type()));
        String operator = predicate.operator() == OneRosterFilter.Operator.NOT_EQUAL ? "<>" : predicate.operator().symbol();
        // NULL never equals nor differs in SQL; OneRoster's != means "is not this value", which an absent value is not.
        String nullSafe = predicate.operator() == OneRosterFilter.Operator.NOT_EQUAL ? " OR " + column.sql() + " IS NULL" : "";
        return "(" + column.sql() + " " + operator + " ?" + nullSafe + ")";
    }

    private static Object value(OneRosterFilter.Predicate predicate, Type type) {
        String value = predicate.value();
        try {
            return switch (type) {
                case TEXT -> value;
                case DATE -> java.sql.Date.valueOf(LocalDate.parse(value));
                case TIMESTAMP -> Timestamp.from(value.length() == 10 ? LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant() : Instant.parse(value));
            };
        } catch (DateTimeParseException e) {
            throw new OneRosterFilter.Malformed("'" + value + "' is not a " + (type == Type.DATE ? "date (YYYY-MM-DD)"
                    : "date-time (e.g. 2024-09-01T00:00:00Z)") + " as " + predicate.field() + " needs");
        }
    }

    /** Visibility: the rows whose {@code pathColumn} lies where the caller holds {@code permission}. */
    static Visibility within(String pathColumn, String permission) {
        return (caller, parameters) -> {
            List<OrgPath> scope = caller.scopeOf(permission);
            if (scope.isEmpty()) {
                throw new NotPermitted("reading these needs the permission " + permission + " at some org, which the token's "
                        + "roles do not grant; register the client with an owner org (it then holds the agency role there)");
            }
            return Where.subtreeCondition(pathColumn, scope, parameters);
        };
    }

    /** Visibility of people: each role where the caller may read that role's people. */
    static Visibility people(String roleColumn, String pathColumn, Map<String, String> permissionByRole) {
        return (caller, parameters) -> {
            List<List<OrgPath>> scopes = permissionByRole.values().stream().map(caller::scopeOf).toList();
            if (scopes.stream().distinct().count() == 1 && !scopes.get(0).isEmpty()) {
                // Every role readable in the same subtrees (an operator, an agency; the map names every role a person can
                // have): one path condition, without an OR of roles, which steered MariaDB to the role index and a sort of
                // every row before an offset could be walked (160 ms for a page of 100 users at offset 9,900).
                return Where.subtreeCondition(pathColumn, scopes.get(0), parameters);
            }
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, String> entry : permissionByRole.entrySet()) {
                List<OrgPath> scope = caller.scopeOf(entry.getValue());
                if (!scope.isEmpty()) {
                    parameters.add(entry.getKey());
                    parts.add("(" + roleColumn + " = ? AND " + Where.subtreeCondition(pathColumn, scope, parameters) + ")");
                }
            }
            if (parts.isEmpty()) {
                throw new NotPermitted("reading people needs basedata:students:read, basedata:teachers:read, "
                        + "basedata:guardians:read or basedata:staff:read at some org, which the token's roles do not grant");
            }
            return "(" + String.join(" OR ", parts) + ")";
        };
    }
}
