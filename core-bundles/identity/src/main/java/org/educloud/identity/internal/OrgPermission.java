package org.educloud.identity.internal;

import java.io.Serializable;
import java.util.Objects;

import org.apache.shiro.authz.Permission;
import org.apache.shiro.authz.permission.WildcardPermission;
import org.educloud.identity.OrgPath;

/**
 * A Shiro wildcard permission that holds in one org's subtree: {@code basedata:students:*} held at
 * {@code /37/3701} implies {@code basedata:students:read} at {@code /37/3701/370102} but nothing at
 * {@code /37/3702}. Written {@code permission@/org/path}; without {@code @} it means the whole region.
 */
final class OrgPermission implements Permission, Serializable {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final WildcardPermission wildcard;
    private final OrgPath org;

    /**
     * @throws IllegalArgumentException when {@code permission} is not a wildcard permission such as {@code identity:accounts:read}
     */
    OrgPermission(String permission, OrgPath org) {
        this.org = Objects.requireNonNull(org, "org");
        try {
            this.wildcard = new WildcardPermission(permission);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("permission '" + permission + "' is not valid: write domain:resource:action, "
                    + "e.g. identity:accounts:read (parts may be * or a,b lists)", e);
        }
        this.text = permission.strip();
    }

    /** Parses {@code permission@/org/path}, or a bare permission meaning the whole region (Shiro's string checks). */
    static OrgPermission parse(String text) {
        int at = text == null ? -1 : text.lastIndexOf('@');
        return at < 0 ? new OrgPermission(text, OrgPath.ROOT) : new OrgPermission(text.substring(0, at), OrgPath.of(text.substring(at + 1)));
    }

    /** True when {@code other} is an org permission whose org lies in this one's subtree and whose action this one's wildcard covers. */
    @Override
    public boolean implies(Permission other) {
        return other instanceof OrgPermission asked && org.covers(asked.org) && wildcard.implies(asked.wildcard);
    }

    OrgPath org() {
        return org;
    }

    String permission() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrgPermission that && that.org.equals(org) && that.wildcard.equals(wildcard);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wildcard, org);
    }

    @Override
    public String toString() {
        return text + "@" + org;
    }
}
