package org.educloud.appcenter.deployment;

import java.time.Instant;
import java.util.Optional;

/**
 * What one kernel node runs of an app.
 *
 * @param node           the node (its Karaf instance name)
 * @param appId          the app
 * @param runningVersion the version that serves, if any
 * @param wantedVersion  the version the desired state asked for when this was recorded
 * @param state          the outcome
 * @param reason         why, when it failed or rolled back; empty otherwise
 * @param updatedAt      when it was recorded
 */
public record Deployment(String node, String appId, Optional<String> runningVersion, Optional<String> wantedVersion,
        DeploymentState state, String reason, Instant updatedAt) {
}
