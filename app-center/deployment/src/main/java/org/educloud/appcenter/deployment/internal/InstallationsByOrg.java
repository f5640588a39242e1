package org.educloud.appcenter.deployment.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.educloud.appcenter.deployment.Installation;
import org.educloud.identity.OrgPath;

/**
 * The installations that concern some orgs, found through the index on the installation's org
 * rather than by reading the region's every installation (tens of thousands of schools, each with
 * its apps): those for one of the orgs or an org above it ({@link #atOrAbove}), those for one of
 * them or an org inside it ({@link #within}).
 */
final class InstallationsByOrg {

    private static final String COLUMNS = "SELECT app_id, org, version, installed_by, installed_at FROM app_installation WHERE ";

    private final DataSource dataSource;

    InstallationsByOrg(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The installations for one of {@code orgs} or an org above one (a district installing for its schools), by app and org. */
    List<Installation> atOrAbove(Collection<OrgPath> orgs) throws SQLException {
        Set<String> paths = selfAndAncestors(orgs);
        if (paths.isEmpty()) {
            return List.of();
        }
        return query(COLUMNS + "org IN (" + "?, ".repeat(paths.size() - 1) + "?) ORDER BY app_id, org", List.copyOf(paths));
    }

    /** The installations for one of {@code orgs} or an org inside one, by app and org. */
    List<Installation> within(Collection<OrgPath> orgs) throws SQLException {
        if (orgs.isEmpty()) {
            return List.of();
        }
        return query(COLUMNS + insideAny(orgs) + " ORDER BY app_id, org", insideParameters(orgs));
    }

    /**
     * True when the app is installed for one of {@code orgs}, an org above one, or an org inside
     * one (an officer's schools): whom the app's API admits.
     */
    boolean installedAround(String appId, Collection<OrgPath> orgs) throws SQLException {
        Set<String> paths = selfAndAncestors(orgs);
        if (paths.isEmpty()) {
            return false;
        }
        List<String> parameters = new ArrayList<>();
        parameters.add(appId);
        parameters.addAll(paths);
        parameters.addAll(insideParameters(orgs));
        String sql = "SELECT 1 FROM app_installation WHERE app_id = ? AND (org IN (" + "?, ".repeat(paths.size() - 1) + "?) OR "
                + insideAny(orgs) + ") LIMIT 1";
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, parameters);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private List<Installation> query(String sql, List<String> parameters) throws SQLException {
        List<Installation> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, parameters);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new Installation(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getTimestamp(5).toInstant()));
                }
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement query, List<String> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            query.setString(i + 1, parameters.get(i));
        }
    }

    /** Each org and every org above it, up to the region. */
    static Set<String> selfAndAncestors(Collection<OrgPath> orgs) {
        Set<String> paths = new LinkedHashSet<>();
        for (OrgPath org : orgs) {
            paths.add("/");
            StringBuilder path = new StringBuilder();
            for (String segment : org.segments()) {
                path.append('/').append(segment);
                paths.add(path.toString());
            }
        }
        return paths;
    }

    /** One {@code (org = ? OR org LIKE ?)} per org, ORed; the region ({@code /}) is above every org. */
    private static String insideAny(Collection<OrgPath> orgs) {
        return "(" + String.join(" OR ", orgs.stream().map(org -> "org = ? OR org LIKE ? ESCAPE '!'").toList()) + ")";
    }

    private static List<String> insideParameters(Collection<OrgPath> orgs) {
        List<String> parameters = new ArrayList<>();
        for (OrgPath org : orgs) {
            parameters.add(org.value());
            // '_' is a LIKE wildcard and may appear in an org id
            String prefix = org.value().equals("/") ? "/" : org.value() + "/";
            parameters.add(prefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%");
        }
        return parameters;
    }
}
