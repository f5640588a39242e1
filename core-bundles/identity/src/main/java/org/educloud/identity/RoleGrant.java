package org.educloud.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A role held at an org, covering its subtree.
 *
 * @param role the role name, e.g. {@code school-admin}, {@code teacher}, {@code district-officer}
 * @param org  where it is held
 */
public record RoleGrant(String role, OrgPath org) {

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{1,63}");

    /**
     * @throws IllegalArgumentException when the role name is not lower-case letters, digits and {@code -}
     */
    public RoleGrant {
        Objects.requireNonNull(org, "org");
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("role '" + role + "' is not valid: use lower-case letters, digits and -, "
                    + "starting with a letter, e.g. school-admin");
        }
    }

    /** Parses {@code role@/org/path}, the form the shell and the admin API use. */
    public static RoleGrant parse(String text) {
        int at = text == null ? -1 : text.indexOf('@');
        if (at < 1) {
            throw new IllegalArgumentException("grant '" + text + "' is not valid: write role@org-path, e.g. teacher@/37/3701/370102/3701020001");
        }
        return new RoleGrant(text.substring(0, at), OrgPath.of(text.substring(at + 1)));
    }

    @Override
    public String toString() {
        return role + "@" + org;
    }
}
