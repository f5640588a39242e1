package org.educloud.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;

import org.osgi.framework.Bundle;

/**
 * What a bundle's changelog looked like when it was last applied in full, kept in the database
 * ({@code educloud_changelog_state}). When the bundle's changelog folder is byte for byte the
 * same, there is nothing for Liquibase to do and starting it (parsing, locking, checksumming
 * every changeset) is skipped: that is about a second per bundle at every kernel start.
 * The fingerprint covers every file in the changelog's folder and below, where the changelogs it
 * includes live.
 */
final class ChangelogFingerprint {

    private static final String TABLE = "educloud_changelog_state";

    private ChangelogFingerprint() {
    }

    /** The SHA-256 over the paths and contents of the changelog's folder, in path order. */
    static String of(Bundle bundle, String changelog) throws IOException {
        String folder = changelog.contains("/") ? changelog.substring(0, changelog.lastIndexOf('/')) : "/";
        Enumeration<URL> found = bundle.findEntries(folder.isEmpty() ? "/" : folder, "*", true);
        List<URL> files = new ArrayList<>();
        if (found != null) {
            files.addAll(Collections.list(found));
        }
        files.removeIf(url -> url.getPath().endsWith("/"));
        files.sort((a, b) -> a.getPath().compareTo(b.getPath()));
        MessageDigest digest = sha256();
        digest.update(changelog.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (URL file : files) {
            digest.update(file.getPath().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = file.openStream()) {
                digest.update(in.readAllBytes());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** True when the changelog was applied in full with exactly this fingerprint. */
    static boolean matches(Connection connection, Bundle bundle, String changelog, String fingerprint) throws SQLException {
        ensureTable(connection);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT fingerprint FROM " + TABLE + " WHERE bundle = ? AND changelog = ?")) {
            query.setString(1, bundle.getSymbolicName());
            query.setString(2, changelog);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && fingerprint.equals(row.getString(1));
            }
        }
    }

    /** Records that the changelog is applied in full with this fingerprint. */
    static void record(Connection connection, Bundle bundle, String changelog, String fingerprint) throws SQLException {
        ensureTable(connection);
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + TABLE + " (bundle, changelog, fingerprint) "
                + "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE fingerprint = VALUES(fingerprint), applied_at = CURRENT_TIMESTAMP(3)")) {
            upsert.setString(1, bundle.getSymbolicName());
            upsert.setString(2, changelog);
            upsert.setString(3, fingerprint);
            upsert.executeUpdate();
        }
        if (!connection.getAutoCommit()) {
            connection.commit(); // Liquibase may leave the connection in a transaction; the pool would roll it back
        }
    }

    private static void ensureTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (bundle VARCHAR(255) NOT NULL, changelog VARCHAR(255) NOT NULL, "
                    + "fingerprint CHAR(64) NOT NULL, applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), "
                    + "PRIMARY KEY (bundle, changelog)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
