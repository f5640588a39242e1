package org.educloud.appcenter.catalog;

import java.util.Objects;
import java.util.Set;

import org.educloud.identity.OrgPath;

/**
 * An org's grant to an app: the app is installed for the org (a school, usually, or a district
 * for all its schools) and the org's administrator consented to these scopes.
 *
 * @param appId  the app
 * @param org    the org it is installed for
 * @param scopes the scopes consented to for the installed version
 */
public record AppGrant(String appId, OrgPath org, Set<String> scopes) {

    public AppGrant {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(org, "org");
        scopes = Set.copyOf(scopes);
    }

    /** True when this grant lets the app use {@code scope} for {@code target} (the org or one below it). */
    public boolean allows(String scope, OrgPath target) {
        return scopes.contains(scope) && org.covers(target);
    }
}
