package org.educloud.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.shiro.authz.permission.WildcardPermission;

/**
 * The roles the identity provider knows, their names and permissions, from
 * {@code GET /api/identity/v1/roles}; read again at most every {@link #MAX_AGE}, as the provider's
 * realm re-reads them, so a permission changed there counts here as soon as there.
 */
final class RoleCatalog {

    static final Duration MAX_AGE = Duration.ofSeconds(30);

    /** A role: its id, its names and what it permits. */
    record Role(String id, String nameZh, String nameEn, List<WildcardPermission> permissions) {

        String name(String language) {
            return language.equals("en") ? nameEn : nameZh;
        }
    }

    private record Snapshot(Map<String, Role> roles, Instant readAt) {
    }

    private final Clock clock;
    private volatile Snapshot snapshot;

    RoleCatalog(Clock clock) {
        this.clock = clock;
    }

    /** The roles by id, in the provider's order. */
    Map<String, Role> roles(KernelApi api) {
        Snapshot current = snapshot;
        if (current == null || current.readAt().plus(MAX_AGE).isBefore(clock.instant())) {
            current = new Snapshot(parse(api.get("/api/identity/v1/roles")), clock.instant());
            snapshot = current;
        }
        return current.roles();
    }

    static Map<String, Role> parse(JsonNode roles) {
        Map<String, Role> parsed = new LinkedHashMap<>();
        for (JsonNode role : roles) {
            List<WildcardPermission> permissions = new ArrayList<>();
            for (JsonNode permission : role.path("permissions")) {
                permissions.add(new WildcardPermission(permission.asText()));
            }
            String id = role.path("role").asText();
            parsed.put(id, new Role(id, role.path("nameZh").asText(id), role.path("nameEn").asText(id), List.copyOf(permissions)));
        }
        return Map.copyOf(parsed);
    }
}
