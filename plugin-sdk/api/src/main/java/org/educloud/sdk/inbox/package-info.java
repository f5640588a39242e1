/**
 * People's unified inbox, as an app posts to it: messages (to a person, a class, a school or an
 * org subtree) and to-dos (for one person, until the app marks them done). Both appear in the
 * portal beside the kernel's own, and over the kernel's REST APIs.
 *
 * <p>Get the {@link org.educloud.sdk.inbox.Inbox} service (a DS {@code @Reference}). Sending needs
 * {@link org.educloud.sdk.app.AppScopes#MESSAGES_SEND}, to-dos
 * {@link org.educloud.sdk.app.AppScopes#TODOS_WRITE}, granted by the org the recipients are in.
 */
@Version("1.0.0")
@Export
package org.educloud.sdk.inbox;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
