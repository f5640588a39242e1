package org.educloud.appcenter.deployment;

import java.time.Instant;

/**
 * Desired state: an app version installed for an org (a school, usually).
 *
 * @param appId       the app
 * @param org         the org path, e.g. {@code /37/3701/370102/3701020001}
 * @param version     the version installed
 * @param installedBy who installed it (or last upgraded it)
 * @param installedAt when
 */
public record Installation(String appId, String org, String version, String installedBy, Instant installedAt) {
}
