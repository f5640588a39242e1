package org.educloud.appcenter.catalog.internal;

import java.time.Instant;

/** One entry of an app's record: who did what, when, from where; {@code version}, {@code org}, {@code address} may be null. */
public record AppEvent(long id, String appId, String version, String org, AppAction action, String actor, String address,
        String detail, Instant at) {
}
