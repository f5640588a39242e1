package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;

/** Runs work on one connection in one transaction: all of it commits, or none of it. */
final class Transactions {

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T run(Work<T> work) {
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
            throw new BasedataProblem(Kind.UNAVAILABLE, "", "the basic-data database did not answer (" + e.getMessage()
                    + "); try again shortly, and if it persists check the platform health");
        }
    }

    DataSource dataSource() {
        return dataSource;
    }
}
