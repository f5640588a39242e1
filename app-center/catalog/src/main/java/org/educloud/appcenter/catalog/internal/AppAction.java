package org.educloud.appcenter.catalog.internal;

/**
 * What someone did to an app, as the record lists it. {@code CONSENTED}: an org's administrator agreed
 * to the scopes of the version it already runs (another org's upgrade moved it there).
 */
public enum AppAction {
    SUBMITTED, APPROVED, REJECTED, INSTALLED, UPGRADED, CONSENTED, UNINSTALLED
}
