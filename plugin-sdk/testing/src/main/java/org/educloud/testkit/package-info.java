/**
 * The EduCloud test kit: {@link org.educloud.testkit.EduCloudKernel} boots the real kernel in a Pax
 * Exam test with the app under test, {@link org.educloud.testkit.TestKit} (a service inside it)
 * seeds a school and users and calls the kernel with their tokens; {@link org.educloud.testkit.KernelHttp},
 * {@link org.educloud.testkit.LoginFlow}, {@link org.educloud.testkit.Browser} and
 * {@link org.educloud.testkit.Eventually} are the parts it is built of, for tests that need more.
 */
@Version("1.0.0")
@Export
package org.educloud.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
