package org.educloud.appcenter.catalog.internal;

/** What someone did to an app, as the record lists it. */
public enum AppAction {
    SUBMITTED, APPROVED, REJECTED, INSTALLED, UPGRADED, UNINSTALLED
}
