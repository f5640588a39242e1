package org.educloud.basedata.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.educloud.identity.OrgPath;

/** A WHERE clause built from conditions and their parameters, so no value is ever spliced into SQL. */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    public Where and(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    /** Rows whose {@code column} path lies in one of the subtrees (nothing when there are none). */
    public Where within(String column, List<OrgPath> subtrees) {
        return and(subtreeCondition(column, subtrees, parameters));
    }

    /** Adds a condition built by {@code part}, which may add parameters. */
    public Where andPart(java.util.function.Function<List<Object>, String> part) {
        conditions.add(part.apply(parameters));
        return this;
    }

    public static String subtreeCondition(String column, List<OrgPath> subtrees, List<Object> parameters) {
        if (subtrees.stream().anyMatch(OrgPath.ROOT::equals)) {
            return "TRUE";
        }
        if (subtrees.isEmpty()) {
            return "FALSE";
        }
        List<String> parts = new ArrayList<>();
        for (OrgPath path : subtrees) {
            parts.add("(" + column + " = ? OR " + column + " LIKE ?)");
            parameters.add(path.value());
            parameters.add(escapeLike(path.value()) + "/%");
        }
        return "(" + String.join(" OR ", parts) + ")";
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters from index 1; returns the next free index. */
    public int bind(PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Object value : parameters) {
            statement.setObject(index++, value);
        }
        return index;
    }

    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
