package org.educloud.identity.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * What each role may do, from {@code idn_role} and {@code idn_role_permission}. Every permission
 * check of every request needs it, so the whole (small) table is read at most once per
 * {@code freshness}: a change an operator makes in the database takes effect within that time on
 * every node.
 */
final class RolePermissions {

    /** A role as people see it, with the permissions it grants. */
    record Role(String name, String nameZh, String nameEn, List<String> permissions) {
    }

    private final DataSource dataSource;
    private final Duration freshness;
    private final Clock clock;
    private volatile Snapshot snapshot;

    RolePermissions(DataSource dataSource, Duration freshness, Clock clock) {
        this.dataSource = dataSource;
        this.freshness = freshness;
        this.clock = clock;
    }

    /** The permissions {@code role} grants; none for a role the table does not know. */
    List<String> permissionsOf(String role) {
        return role(role).map(Role::permissions).orElse(List.of());
    }

    /** The role named {@code role}, if the table knows it. */
    Optional<Role> role(String role) {
        return Optional.ofNullable(current().roles.get(role));
    }

    /** Every role, in name order. */
    List<Role> roles() {
        return List.copyOf(current().roles.values());
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        Instant now = clock.instant();
        if (known == null || !known.readAt.plus(freshness).isAfter(now)) {
            known = new Snapshot(read(), now);
            snapshot = known;
        }
        return known;
    }

    private Map<String, Role> read() {
        Map<String, String[]> names = new LinkedHashMap<>();
        Map<String, List<String>> permissions = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT r.role, r.name_zh, r.name_en, p.permission "
                     + "FROM idn_role r LEFT JOIN idn_role_permission p ON p.role = r.role ORDER BY r.role, p.permission");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String role = rows.getString(1);
                names.putIfAbsent(role, new String[] {rows.getString(2), rows.getString(3)});
                List<String> granted = permissions.computeIfAbsent(role, r -> new ArrayList<>());
                if (rows.getString(4) != null) {
                    granted.add(rows.getString(4));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the role permissions (idn_role_permission) could not be read: " + e.getMessage(), e);
        }
        Map<String, Role> roles = new LinkedHashMap<>();
        names.forEach((role, name) -> roles.put(role, new Role(role, name[0], name[1], List.copyOf(permissions.get(role)))));
        return roles;
    }

    private record Snapshot(Map<String, Role> roles, Instant readAt) {
    }
}
