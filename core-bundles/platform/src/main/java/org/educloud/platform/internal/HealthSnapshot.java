package org.educloud.platform.internal;

import java.util.List;
import java.util.Map;

import org.educloud.platform.health.HealthReport;
import org.educloud.platform.health.HealthStatus;

/**
 * The whole platform's health at one moment: the worst of its checks, the kernel's own bundles
 * ("services") and the installed apps.
 */
public record HealthSnapshot(HealthStatus status, String version, long uptimeSeconds,
        Map<String, HealthReport> checks, List<PartHealth> services, List<PartHealth> apps) {

    /**
     * The overall status: a failing check or kernel service makes the platform DOWN or DEGRADED as
     * it reports; a failing app only DEGRADED, since the kernel and the other apps keep serving.
     */
    static HealthStatus overall(Map<String, HealthReport> checks, List<PartHealth> services, List<PartHealth> apps) {
        HealthStatus status = HealthStatus.UP;
        for (HealthReport check : checks.values()) {
            status = status.worst(check.status());
        }
        for (PartHealth service : services) {
            status = status.worst(service.status());
        }
        for (PartHealth app : apps) {
            if (app.status() != HealthStatus.UP) {
                status = status.worst(HealthStatus.DEGRADED);
            }
        }
        return status;
    }
}
