package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.mariadb.jdbc.MariaDbDataSource;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A fresh database {@code basedata_<name>} on the MariaDB server at 127.0.0.1:3306 (root, empty
 * password) with the basedata changelog applied; tests that need it are skipped when no server answers.
 */
final class BasedataDatabase {

    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    private BasedataDatabase() {
    }

    static DataSource fresh(String name) throws Exception {
        return freshUpTo(name, Integer.MAX_VALUE);
    }

    /** A fresh database with only the first {@code changeSets} of the changelog applied (a database of an earlier release). */
    static DataSource freshUpTo(String name, int changeSets) throws Exception {
        // One database per test JVM: builds of other clones on the same server must not drop ours mid-test.
        String database = "basedata_" + name + "_" + ProcessHandle.current().pid();
        dropAtExit(database);
        try (Connection server = DriverManager.getConnection(SERVER + "?connectTimeout=1000", "root", "");
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            assumeTrue(false, "no MariaDB on 127.0.0.1:3306: " + e.getMessage());
        }
        MariaDbDataSource dataSource = new MariaDbDataSource(SERVER + database);
        dataSource.setUser("root");
        dataSource.setPassword("");
        migrate(dataSource, changeSets);
        return dataSource;
    }

    /** Applies the changelog: the first {@code changeSets} of it, or all for {@link Integer#MAX_VALUE}. */
    static void migrate(DataSource dataSource, int changeSets) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Liquibase liquibase = new Liquibase("db/basedata-changelog.xml", new ClassLoaderResourceAccessor(),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection)));
            if (changeSets == Integer.MAX_VALUE) {
                liquibase.update("");
            } else {
                liquibase.update(changeSets, "");
            }
        }
    }

    static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Drops the database when the test JVM ends, so test runs leave nothing behind on the server. */
    private static void dropAtExit(String database) {
        if (CREATED.add(database)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Connection server = DriverManager.getConnection(SERVER + "?connectTimeout=1000", "root", "");
                     Statement statement = server.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + database);
                } catch (SQLException ignored) {
                    // the server is gone; nothing to clean up
                }
            }));
        }
    }
}
