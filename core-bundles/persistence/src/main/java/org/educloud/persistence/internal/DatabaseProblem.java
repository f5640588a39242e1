package org.educloud.persistence.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a failure to connect into one line an operator can act on: what is wrong and which
 * setting to change. Stack traces are for bugs, not for a wrong password.
 */
final class DatabaseProblem {

    private static final int ACCESS_DENIED = 1045;
    private static final int UNKNOWN_DATABASE = 1049;

    private DatabaseProblem() {
    }

    static String describe(Throwable failure, String url, String user) {
        String where = DatabaseSettings.hostAndPort(url);
        SQLException sql = find(failure, SQLException.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() == ACCESS_DENIED) {
                return "the database at " + where + " refused user '" + user + "' (wrong user or password): set user and password in "
                        + DatabaseSettings.CONFIG_FILE + " (or " + DatabaseSettings.USER_ENV + " and " + DatabaseSettings.PASSWORD_ENV + ")";
            }
            if (t instanceof SQLException e && e.getErrorCode() == UNKNOWN_DATABASE) {
                return "the database '" + DatabaseSettings.databaseName(url) + "' does not exist at " + where
                        + ": create it (CREATE DATABASE " + DatabaseSettings.databaseName(url)
                        + " CHARACTER SET utf8mb4) or fix the url in " + DatabaseSettings.CONFIG_FILE + " (or " + DatabaseSettings.URL_ENV + ")";
            }
            if (t instanceof UnknownHostException) {
                return "the database host in '" + where + "' is unknown: fix the url in " + DatabaseSettings.CONFIG_FILE
                        + " (or " + DatabaseSettings.URL_ENV + ")";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return "no database answers at " + where + " (" + t.getMessage() + "): start it, or fix the url in "
                        + DatabaseSettings.CONFIG_FILE + " (or " + DatabaseSettings.URL_ENV + "); the kernel keeps retrying";
            }
        }
        String reason = sql != null ? sql.getMessage() : String.valueOf(failure.getMessage());
        return "cannot use the database at " + where + ": " + reason + " (check the url, user and password in "
                + DatabaseSettings.CONFIG_FILE + "); the kernel keeps retrying";
    }

    /** The innermost cause of that type: the pool's "timed out" wraps the driver's real reason. */
    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        T found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                found = type.cast(t);
            }
        }
        return found;
    }
}
