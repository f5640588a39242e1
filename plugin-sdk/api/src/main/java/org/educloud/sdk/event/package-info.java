/**
 * EventAdmin topics of the platform, so an app reacts to what happens without polling. The first
 * are about apps themselves ({@link org.educloud.sdk.event.AppTopics}); more follow as the kernel
 * grows.
 */
@Version("1.1.0")
@Export
package org.educloud.sdk.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
