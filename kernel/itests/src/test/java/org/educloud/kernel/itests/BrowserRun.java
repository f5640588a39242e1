package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.util.List;

/**
 * Runs a Selenium browser session (a class with a main method, such as {@link PortalBrowserSession})
 * in a JVM of its own: Selenium is not an OSGi bundle, so it stays out of the kernel under test.
 * The class is named by string: loading it here, in the kernel, would make the verifier look for
 * Selenium, which is not in it.
 */
final class BrowserRun {

    private BrowserRun() {
    }

    /** Runs {@code mainClass} with {@code arguments}; fails with its output unless it exits 0. Returns the output. */
    static String run(String mainClass, String... arguments) throws IOException, InterruptedException {
        SeparateJvm.Result session = SeparateJvm.run(mainClass, "browser", 300, List.of(), arguments);
        assertEquals("the browser session failed:\n" + session.output(), 0, session.exitValue());
        return session.output();
    }
}
