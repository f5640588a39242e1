package org.educloud.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Against real servers: the machine's MariaDB on 127.0.0.1:3306 (CI has one), and a closed port. */
class DatabaseProblemTest {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private static boolean mariaDbListens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 3306), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static SQLException connect(String url, String user, String password) {
        try (var ignored = DriverManager.getConnection(url, user, password)) {
            throw new AssertionError("connected, but the test expects a refusal");
        } catch (SQLException e) {
            return e;
        }
    }

    @Test
    void wrongPasswordNamesTheUserAndTheSettings() {
        assumeTrue(mariaDbListens(), "no MariaDB on 127.0.0.1:3306");
        String line = DatabaseProblem.describe(connect(URL, "root", "certainly-wrong"), URL, "root");
        assertTrue(line.contains("refused user 'root'"), line);
        assertTrue(line.contains("EDUCLOUD_DB_PASSWORD"), line);
        assertTrue(!line.contains("\n"), "one line: " + line);
    }

    @Test
    void unknownDatabaseSaysHowToCreateIt() {
        assumeTrue(mariaDbListens(), "no MariaDB on 127.0.0.1:3306");
        String url = "jdbc:mariadb://127.0.0.1:3306/no_such_educloud_db";
        String line = DatabaseProblem.describe(connect(url, "root", ""), url, "root");
        assertTrue(line.contains("CREATE DATABASE no_such_educloud_db"), line);
    }

    @Test
    void nothingListeningSaysStartItOrFixTheUrl() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/test?connectTimeout=1000";
        String line = DatabaseProblem.describe(connect(url, "root", ""), url, "root");
        assertTrue(line.startsWith("no database answers at 127.0.0.1:" + port), line);
        assertTrue(line.contains("keeps retrying"), line);
    }
}
