package org.educloud.basedata.internal.bulk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import javax.sql.DataSource;

/**
 * Many rows in one transaction, each row still on its own: the services write through
 * {@link #dataSource()}, whose every connection is a savepoint in this batch's transaction, so a
 * service's commit releases its savepoint and its rollback undoes only its own row. {@link #commit()}
 * makes the batch durable at once — one log flush for hundreds of rows instead of one each.
 *
 * <p>While a batch is open it holds the change feed's writer lock (taken by its first write), so
 * other writers wait until the next commit: batches are kept to a few thousand rows, and bulk
 * writes take the lock as their last step.
 */
public final class RowBatch implements AutoCloseable {

    private final Connection connection;
    private final DataSource dataSource;

    public RowBatch(DataSource shared) throws SQLException {
        this.connection = shared.getConnection();
        connection.setAutoCommit(false);
        this.dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> savepoint();
                    case "unwrap", "isWrapperFor" -> method.invoke(shared, args);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "row batch over " + shared;
                    default -> throw new UnsupportedOperationException(method.getName() + " is not offered by a row batch");
                });
    }

    /** The data source the services of this batch write through. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The batch's own connection, for bulk writes in its transaction. */
    Connection connection() {
        return connection;
    }

    /** Makes every row written since the last commit durable. */
    public void commit() throws SQLException {
        connection.commit();
    }

    /** Undoes every row written since the last commit. */
    void rollback() throws SQLException {
        connection.rollback();
    }

    /** Undoes what was not committed and gives the connection back. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } finally {
            connection.close();
        }
    }

    /** A connection whose commit, rollback and close act on a savepoint of the batch's transaction. */
    private Connection savepoint() throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        boolean[] ended = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "commit" -> {
                            if (!ended[0]) {
                                connection.releaseSavepoint(savepoint);
                                ended[0] = true;
                            }
                            return null;
                        }
                        case "rollback" -> {
                            if (!ended[0]) {
                                connection.rollback(savepoint);
                                ended[0] = true;
                            }
                            return null;
                        }
                        case "close", "setAutoCommit" -> {
                            return null; // the batch owns the connection and its transaction
                        }
                        case "getAutoCommit", "isClosed" -> {
                            return false;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> {
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }
}
