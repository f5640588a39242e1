package org.educloud.basedata.internal.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;

/**
 * A temporary table of an import's own connection, for what an import must remember without holding
 * it in memory: made at first use, dropped when the import ends, so the pooled connection goes back
 * without it.
 */
final class TemporaryTable {

    private final String name;
    private final String columns;
    private boolean created;

    /**
     * @param columns the column and key definitions, e.g. {@code id VARCHAR(64) PRIMARY KEY, line BIGINT}
     */
    TemporaryTable(String name, String columns) {
        this.name = name;
        this.columns = columns;
    }

    String name() {
        return name;
    }

    boolean created() {
        return created;
    }

    void create(Connection connection) throws SQLException {
        if (!created) {
            try (Statement statement = connection.createStatement()) {
                // A pooled connection may still hold the table of an import that ended badly.
                statement.execute("DROP TEMPORARY TABLE IF EXISTS " + name);
                statement.execute("CREATE TEMPORARY TABLE " + name + " (" + columns + ") DEFAULT CHARSET=utf8mb4 "
                        + "COLLATE=utf8mb4_unicode_ci");
            }
            created = true;
        }
    }

    void drop(Connection connection) {
        if (created) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TEMPORARY TABLE IF EXISTS " + name);
            } catch (SQLException e) {
                throw unavailable(e);
            }
        }
    }

    static BasedataProblem unavailable(SQLException e) {
        return new BasedataProblem(Kind.UNAVAILABLE, "", "the basic-data database did not answer (" + e.getMessage()
                + "); try again shortly");
    }
}
