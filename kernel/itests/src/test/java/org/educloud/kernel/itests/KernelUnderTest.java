package org.educloud.kernel.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;

import org.educloud.testkit.EduCloudKernel;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

/**
 * How the kernel's integration tests boot the real EduCloud distribution: as the vendors' test kit
 * does ({@link EduCloudKernel}: the tar.gz the build just made, on ports of its own, on the MariaDB
 * server on 127.0.0.1:3306 when one answers and the embedded one otherwise), plus what only these
 * tests need inside the kernel.
 */
final class KernelUnderTest {

    /** The folder of the openid-client script (OidcClientLibraryIT), passed on because tests run inside the kernel. */
    static final String OIDC_CLIENT_FOLDER = "educloud.itest.oidcClient";
    /** The classpath of the Selenium browser session (PortalBrowserIT), passed on for the same reason. */
    static final String BROWSER_CLASSPATH = "educloud.itest.browserClasspath";
    /** Where VendorGuideIT finds the guide whose commands it runs. */
    static final String VENDOR_GUIDE = "educloud.itest.vendorGuide";
    /** The Maven repository the archetype's own test fills (the SDK, the archetype, the kit) and its settings, for VendorGuideIT. */
    static final String ARCHETYPE_REPOSITORY = "educloud.itest.archetypeRepository";
    static final String ARCHETYPE_SETTINGS = "educloud.itest.archetypeSettings";

    private KernelUnderTest() {
    }

    static Option[] options() {
        return OptionUtils.combine(EduCloudKernel.options(),
            // The sample app's packages for HotDeployIT; here because the suite's first test class configures the one container.
            systemProperty("educloud.sample.helloSchool.1").value(System.getProperty("educloud.sample.helloSchool.1", "")),
            systemProperty("educloud.sample.helloSchool.2").value(System.getProperty("educloud.sample.helloSchool.2", "")),
            systemProperty("educloud.sample.notices").value(System.getProperty("educloud.sample.notices", "")),
            systemProperty(BROWSER_CLASSPATH).value(System.getProperty(BROWSER_CLASSPATH, "")),
            systemProperty(VENDOR_GUIDE).value(System.getProperty(VENDOR_GUIDE, "")),
            systemProperty(ARCHETYPE_REPOSITORY).value(System.getProperty(ARCHETYPE_REPOSITORY, "")),
            systemProperty(ARCHETYPE_SETTINGS).value(System.getProperty(ARCHETYPE_SETTINGS, "")),
            systemProperty(OIDC_CLIENT_FOLDER).value(new File(System.getProperty(OIDC_CLIENT_FOLDER, "src/test/oidc-client"))
                    .getAbsolutePath()));
    }
}
