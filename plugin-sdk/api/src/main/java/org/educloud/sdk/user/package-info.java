/**
 * Who is calling the app: {@link org.educloud.sdk.user.CurrentUser}, with the roles they hold at
 * orgs ({@link org.educloud.sdk.user.OrgRole}) and the scopes their token carries.
 */
@Version("1.0.0")
@Export
package org.educloud.sdk.user;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
