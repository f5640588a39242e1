/**
 * The region's base data as an app may see it: the orgs that installed the app and granted it
 * {@link org.educloud.sdk.app.AppScopes#BASEDATA_READ}, their classes, people and enrollments.
 *
 * <p>Get the {@link org.educloud.sdk.basedata.BasicData} service (a DS {@code @Reference}) and
 * take a view: {@link org.educloud.sdk.basedata.BasicData#asUser} for a request (the app sees
 * what both the school granted and the user may see: a teacher their school, never another's),
 * or {@link org.educloud.sdk.basedata.BasicData#asApp} for work without a user (a nightly job).
 * ID numbers never reach apps.
 */
@Version("1.0.0")
@Export
package org.educloud.sdk.basedata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
