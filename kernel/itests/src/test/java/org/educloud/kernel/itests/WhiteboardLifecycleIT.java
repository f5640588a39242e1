package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;

import javax.inject.Inject;

import org.educloud.testkit.KernelHttp;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** A JAX-RS resource lives exactly as long as the bundle that registers it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class WhiteboardLifecycleIT {

    private static final String HEALTH = "/api/platform/v1/health";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void theEndpointOfAStoppedBundleDisappearsAndComesBackWithIt() throws Exception {
        Bundle platform = bundle("org.educloud.platform");
        assertEquals(200, KernelHttp.getUntil(HEALTH, r -> r.statusCode() == 200, Duration.ofSeconds(90)).statusCode());

        platform.stop();
        try {
            HttpResponse<String> gone = KernelHttp.getUntil(HEALTH, r -> r.statusCode() == 404, Duration.ofSeconds(30));
            assertEquals("no endpoint once its bundle stopped", 404, gone.statusCode());
        } finally {
            platform.start();
        }

        HttpResponse<String> back = KernelHttp.getUntil(HEALTH, r -> r.statusCode() == 200, Duration.ofSeconds(30));
        assertEquals(200, back.statusCode());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }
}
