package org.educloud.console.internal;

import org.educloud.identity.OrgPath;

/**
 * The console's sections, and who sees each: the permissions are the ones the APIs behind a
 * section check, so a section is shown exactly to those it can serve.
 */
enum Section {

    /** The overview: for anyone who may use one of the other sections. */
    HOME(""),
    /** Accounts and their roles (identity's accounts API). */
    USERS("users"),
    /** The org tree, a school's details and counts (the basic data). */
    ORGS("orgs"),
    /** The app center: catalog and installations, reviews, a vendor's submissions. */
    APPS("apps"),
    /** The platform health report. */
    HEALTH("health"),
    /** The audit logs of every bundle. */
    AUDIT("audit");

    static final String ACCOUNTS_READ = "identity:accounts:read";
    static final String ORGS_READ = "basedata:orgs:read";
    static final String INSTALL = "apps:installations:write";
    static final String INSTALLATIONS_READ = "apps:installations:read";
    static final String REVIEW = "apps:reviews:decide";
    static final String SUBMIT = "apps:packages:submit";
    static final String HEALTH_READ = "platform:health:read";
    static final String AUDIT_READ = "audit:events:read";

    private final String path;

    Section(String path) {
        this.path = path;
    }

    /** The section's path under {@code /console/}. */
    String path() {
        return path;
    }

    boolean allows(RolePermissions caller) {
        return switch (this) {
            case HOME -> USERS.allows(caller) || APPS.allows(caller) || HEALTH.allows(caller) || AUDIT.allows(caller);
            case USERS -> caller.holdsAnywhere(ACCOUNTS_READ);
            // Teachers read orgs too; the tree is for those who administer something.
            case ORGS -> caller.holdsAnywhere(ORGS_READ) && HOME.allows(caller);
            case APPS -> caller.holdsAnywhere(INSTALL) || caller.holdsAnywhere(INSTALLATIONS_READ) || isReviewer(caller)
                    || caller.holdsAnywhere(SUBMIT);
            case HEALTH -> caller.isPermitted(HEALTH_READ, OrgPath.ROOT);
            case AUDIT -> caller.holdsAnywhere(AUDIT_READ);
        };
    }

    /** Reviews are region-wide: only who may decide at the root (operators, platform administrators). */
    static boolean isReviewer(RolePermissions caller) {
        return caller.isPermitted(REVIEW, OrgPath.ROOT);
    }
}
