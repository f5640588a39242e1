package org.educloud.portal.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Runs work on one connection in one transaction: all of it commits, or none. */
final class Jdbc {

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {
    }

    static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the portal's database is unavailable: " + e.getMessage()
                    + " (check the database in GET /api/platform/v1/health)", e);
        }
    }
}
