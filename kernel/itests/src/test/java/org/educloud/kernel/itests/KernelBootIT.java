package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.educloud.persistence.SchemaMigrations;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

import com.fasterxml.jackson.databind.JsonNode;

/** The distribution boots, its database answers and the health report says so. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class KernelBootIT {

    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = SchemaMigrations.DATA_SOURCE_FILTER, timeout = 120_000)
    private DataSource dataSource;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void healthReportsTheDatabaseAndEveryKernelServiceUp() throws Exception {
        JsonNode health = KernelHttp.health();

        assertEquals(health.toString(), "UP", health.path("checks").path("database").path("status").asText());
        assertEquals(health.toString(), "UP", health.path("status").asText());
        assertTrue(health.toString(), health.path("uptimeSeconds").asLong() >= 0);
        int kernelServices = 0;
        for (JsonNode service : health.path("services")) {
            assertEquals(service.toString(), "ACTIVE", service.path("state").asText());
            kernelServices++;
        }
        assertTrue("the platform, persistence and database bundles are listed: " + health, kernelServices >= 3);
    }

    @Test
    public void everyEduCloudBundleIsActive() {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.educloud.")) {
                assertEquals(bundle.getSymbolicName(), Bundle.ACTIVE, bundle.getState());
            }
        }
    }

    /**
     * The kernel opens its JAX-RS applications once, when its bundles have started (the REST gate),
     * and every application the whiteboard knows is deployed: none failed, none waits for an
     * extension (the JSON provider included) it will never get.
     */
    @Test
    public void theRestGateIsOpenAndNoJaxrsApplicationFailed() throws Exception {
        KernelHttp.health(); // waits for the gate and a quiet whiteboard
        assertTrue("the REST gate is open", context.getServiceReferences((String) null, "(educloud.rest.ready=true)") != null);
        JaxrsServiceRuntime runtime = context.getService(context.getServiceReference(JaxrsServiceRuntime.class));
        RuntimeDTO dto = runtime.getRuntimeDTO();
        assertEquals("failed applications: " + java.util.Arrays.toString(dto.failedApplicationDTOs), 0, dto.failedApplicationDTOs.length);
        assertEquals("failed resources", 0, dto.failedResourceDTOs.length);
        assertTrue("the kernel's resources are in its default application", dto.defaultApplication.resourceDTOs.length >= 20);
    }

    @Test
    public void thePooledDataSourceReachesTheConfiguredServer() throws Exception {
        String expected = "server".equals(System.getProperty("educloud.itest.database"))
                ? KernelAddress.TEST_DATABASE : "educloud";
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DATABASE(), VERSION()")) {
            assertTrue(rows.next());
            assertEquals(expected, rows.getString(1));
            assertTrue(rows.getString(2), rows.getString(2).contains("MariaDB"));
        }
    }
}
