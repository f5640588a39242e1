/**
 * Hot deployment of apps: {@link org.educloud.appcenter.deployment.AppInstallations} keeps the
 * desired state (which app version each org installed) and makes the running kernel match it.
 */
@Version("1.2.0")
@Export
package org.educloud.appcenter.deployment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
