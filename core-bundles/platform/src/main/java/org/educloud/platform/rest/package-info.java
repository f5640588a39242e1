/**
 * How every EduCloud REST API reports errors and marks what needs no login: RFC 9457 problem
 * details ({@link org.educloud.platform.rest.Problem}, media type {@code application/problem+json}),
 * an exception to throw one from a resource ({@link org.educloud.platform.rest.ProblemException}),
 * the exception mappers that turn every error of every JAX-RS application into one (the platform
 * registers them on the whiteboard for all applications; a bundle with its own JAX-RS runtime may
 * register them itself), and {@link org.educloud.platform.rest.PublicEndpoint}, which exempts a
 * resource from the kernel's bearer-token check.
 */
@Version("1.0.0")
@Export
package org.educloud.platform.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
