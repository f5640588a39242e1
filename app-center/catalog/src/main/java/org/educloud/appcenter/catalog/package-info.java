/**
 * What the app center tells the rest of the kernel about apps: which orgs installed an app and
 * which scopes their administrators granted it ({@link org.educloud.appcenter.catalog.AppGrants}).
 * The SDK's runtime uses it to let an app see only the base data, inboxes and workflows of the
 * orgs that installed it.
 */
@Version("1.0.0")
@Export
package org.educloud.appcenter.catalog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
