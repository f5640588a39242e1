package org.educloud.appcenter.catalog.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.mariadb.jdbc.MariaDbDataSource;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A fresh database {@code appcenter_<name>_<pid>} on the MariaDB server at 127.0.0.1:3306 (root, empty
 * password) with the catalog changelog applied; tests that need it are skipped when no server answers.
 */
final class CatalogDatabase {

    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    private CatalogDatabase() {
    }

    static DataSource fresh(String name) throws Exception {
        // One database per test JVM: builds of other clones on the same server must not drop ours mid-test.
        String database = "appcenter_" + name + "_" + ProcessHandle.current().pid();
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
        try (Connection connection = dataSource.getConnection()) {
            new Liquibase("db/appcenter-catalog-changelog.xml", new ClassLoaderResourceAccessor(),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection))).update("");
        }
        return dataSource;
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
