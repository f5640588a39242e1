package org.educloud.platform.internal;

import org.educloud.platform.health.HealthStatus;

/** Health of one kernel bundle or one installed app, as shown in the health report. */
public record PartHealth(String name, String version, String state, HealthStatus status, String detail) {
}
