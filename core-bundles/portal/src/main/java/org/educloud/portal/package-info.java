/**
 * The portal's single sign-on for the kernel's other server-rendered pages, such as the
 * operations console: {@link org.educloud.portal.PortalSession} (an OSGi service) tells who is
 * signed in to the portal in the browser that sent a request and where to send them to sign in;
 * {@link org.educloud.portal.SignedInUser} is that person, with a way to call the kernel's REST
 * APIs as them. Only pages under the portal's session paths ({@code sessionPaths} in
 * {@code etc/org.educloud.portal.cfg}, {@code /portal} and {@code /console} by default) receive the
 * session cookie; apps under {@code /apps/} never see it.
 */
@Version("1.0.0")
@Export
package org.educloud.portal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
