/**
 * What an app is to the kernel: its descriptor ({@link org.educloud.sdk.app.AppDescriptor}), the
 * manifest headers its bundles carry, the path its REST resources are served under and how it
 * reaches its own tables, the scopes it asks schools for ({@link org.educloud.sdk.app.AppScopes}) and
 * the refusal it gets when a school did not grant one ({@link org.educloud.sdk.app.NotGrantedException}).
 */
@Version("1.2.0")
@Export
package org.educloud.sdk.app;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
