/**
 * Platform health: a kernel part or app says whether it works by registering a
 * {@link org.educloud.platform.health.HealthIndicator} service. The platform bundle gathers every
 * indicator, the state of the kernel's own bundles and components, and the installed apps into
 * one report, served at {@code GET /api/platform/v1/health} and by the shell command
 * {@code platform:info}.
 */
@Version("1.0.0")
@Export
package org.educloud.platform.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
