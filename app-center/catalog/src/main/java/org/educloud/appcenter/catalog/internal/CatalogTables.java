package org.educloud.appcenter.catalog.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The catalog's tables: {@code app_listing}, {@code app_version}, {@code app_consent} and
 * {@code app_event}. Plain JDBC; every method is one statement, so nothing is half-written.
 */
final class CatalogTables {

    private static final int DUPLICATE_KEY = 1062; // MariaDB ER_DUP_ENTRY

    private final DataSource dataSource;

    CatalogTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the app, or refreshes its names and vendor; a blank category or description keeps the stored one. */
    void saveListing(AppListing listing) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO app_listing (app_id, "
                + "name_zh, name_en, vendor, vendor_org, category, description, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE "
                + "KEY UPDATE name_zh = VALUES(name_zh), name_en = VALUES(name_en), vendor = VALUES(vendor), category = IF(VALUES(category) "
                + "= '', category, VALUES(category)), description = IF(VALUES(description) = '', description, VALUES(description)), "
                + "updated_at = VALUES(updated_at)")) {
            s.setString(1, listing.appId());
            s.setString(2, listing.nameZh());
            s.setString(3, listing.nameEn());
            s.setString(4, listing.vendor());
            s.setString(5, listing.vendorOrg());
            s.setString(6, listing.category());
            s.setString(7, listing.description());
            s.setTimestamp(8, Timestamp.from(listing.updatedAt()));
            s.executeUpdate();
        }
    }

    Optional<AppListing> listing(String appId) throws SQLException {
        List<AppListing> found = listings("SELECT * FROM app_listing WHERE app_id = ?", appId);
        return found.stream().findFirst();
    }

    /**
     * Apps in id order after {@code after}, at most {@code limit}; {@code text} matches id, names and
     * description, {@code category} and {@code vendor} (name or org) match exactly; null means any.
     * With {@code approvedOnly}, only apps with an approved version; {@code orVendorOrgs} adds those of these vendor orgs.
     */
    List<AppListing> search(String text, String category, String vendor, String after, int limit, boolean approvedOnly,
            List<String> orVendorOrgs) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM app_listing l WHERE l.app_id > ?");
        List<Object> args = new ArrayList<>();
        args.add(after == null ? "" : after);
        if (text != null && !text.isBlank()) {
            sql.append(" AND (l.app_id LIKE ? OR l.name_zh LIKE ? OR l.name_en LIKE ? OR l.description LIKE ?)");
            String like = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.addAll(List.of(like, like, like, like));
        }
        if (category != null && !category.isBlank()) {
            sql.append(" AND l.category = ?");
            args.add(category.strip());
        }
        if (vendor != null && !vendor.isBlank()) {
            sql.append(" AND (l.vendor = ? OR l.vendor_org = ?)");
            args.add(vendor.strip());
            args.add(vendor.strip());
        }
        if (approvedOnly) {
            sql.append(" AND (EXISTS (SELECT 1 FROM app_version v WHERE v.app_id = l.app_id AND v.state = 'APPROVED')");
            for (String org : orVendorOrgs) {
                sql.append(" OR l.vendor_org = ? OR l.vendor_org LIKE ?");
                args.add(org);
                args.add(org.equals("/") ? "/%" : org + "/%");
            }
            sql.append(')');
        }
        sql.append(" ORDER BY l.app_id LIMIT ").append(Math.max(1, limit));
        return listings(sql.toString(), args.toArray());
    }

    private List<AppListing> listings(String sql, Object... args) throws SQLException {
        List<AppListing> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new AppListing(r.getString("app_id"), r.getString("name_zh"), r.getString("name_en"), r.getString("vendor"),
                            r.getString("vendor_org"), r.getString("category"), r.getString("description"),
                            r.getTimestamp("updated_at").toInstant()));
                }
            }
        }
        return rows;
    }

    /** Adds a submitted version; false when the app already has that version. */
    boolean addVersion(AppVersion version) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO app_version (app_id, "
                + "version, state, sha256, size_bytes, scopes, checks, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, version.appId(), version.version(), version.state().name(), version.sha256(), version.size(),
                    String.join(" ", version.scopes()), String.join("\n", version.checks()), version.submittedBy(),
                    Timestamp.from(version.submittedAt()));
            return s.executeUpdate() == 1;
        } catch (SQLIntegrityConstraintViolationException e) {
            if (e.getErrorCode() == DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The versions of an app, or every app's in {@code state} when {@code appId} is null; in submission order. */
    List<AppVersion> versions(String appId, VersionState state) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM app_version WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (appId != null) {
            sql.append(" AND app_id = ?");
            args.add(appId);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.name());
        }
        sql.append(" ORDER BY submitted_at, app_id, version");
        List<AppVersion> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, args.toArray());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp reviewed = r.getTimestamp("reviewed_at");
                    rows.add(new AppVersion(r.getString("app_id"), r.getString("version"), VersionState.valueOf(r.getString("state")),
                            r.getString("sha256"), r.getLong("size_bytes"), words(r.getString("scopes"), " "),
                            words(r.getString("checks"), "\n"), r.getString("submitted_by"), r.getTimestamp("submitted_at").toInstant(),
                            r.getString("reviewed_by"), reviewed == null ? null : reviewed.toInstant(), r.getString("reason")));
                }
            }
        }
        return rows;
    }

    Optional<AppVersion> version(String appId, String version) throws SQLException {
        return versions(appId, null).stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** Records the review of a submitted version; false when it is no longer submitted (someone decided first). */
    boolean decide(String appId, String version, VersionState decision, String reviewer, String reason, Instant at)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE app_version SET state = ?, "
                + "reviewed_by = ?, reviewed_at = ?, reason = ? WHERE app_id = ? AND version = ? AND state = 'SUBMITTED'")) {
            bind(s, decision.name(), reviewer, Timestamp.from(at), reason, appId, version);
            return s.executeUpdate() == 1;
        }
    }

    void addConsent(Consent consent) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO app_consent (app_id, "
                + "version, org, scopes, consented_by, consented_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            bind(s, consent.appId(), consent.version(), consent.org(), String.join(" ", consent.scopes()), consent.consentedBy(),
                    Timestamp.from(consent.consentedAt()));
            s.executeUpdate();
        }
    }

    List<Consent> consents(String appId) throws SQLException {
        List<Consent> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT * FROM app_consent WHERE "
                + "app_id = ? ORDER BY id")) {
            bind(s, appId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Consent(r.getString("app_id"), r.getString("version"), r.getString("org"), words(r.getString("scopes"), " "),
                            r.getString("consented_by"), r.getTimestamp("consented_at").toInstant()));
                }
            }
        }
        return rows;
    }

    void addEvent(String appId, String version, String org, AppAction action, Actor actor, String detail, Instant at)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO app_event (app_id, "
                + "version, org, action, actor, address, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, appId, version, org, action.name(), actor.name(), actor.address(), detail, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /** An app's record, oldest first. */
    List<AppEvent> events(String appId) throws SQLException {
        List<AppEvent> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT * FROM app_event WHERE "
                + "app_id = ? ORDER BY id")) {
            bind(s, appId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new AppEvent(r.getLong("id"), r.getString("app_id"), r.getString("version"), r.getString("org"),
                            AppAction.valueOf(r.getString("action")), r.getString("actor"), r.getString("address"),
                            r.getString("detail"), r.getTimestamp("at").toInstant()));
                }
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private static List<String> words(String text, String separator) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(separator)).filter(w -> !w.isBlank()).toList();
    }
}
