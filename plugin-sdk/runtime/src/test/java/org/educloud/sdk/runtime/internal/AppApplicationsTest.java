package org.educloud.sdk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;

import org.educloud.sdk.app.AppDescriptor;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

class AppApplicationsTest {

    @Test
    void anAppsApplicationIsBasedAtItsApiPathAndSelectedByItsOwnFilterOnly() throws InvalidSyntaxException {
        Hashtable<String, Object> notices = AppApplications.propertiesOf("notices");
        assertEquals("/apps/notices/api", notices.get("osgi.jaxrs.application.base"));
        assertEquals("educloud.app.notices", notices.get("osgi.jaxrs.name"));
        assertTrue(FrameworkUtil.createFilter(AppDescriptor.applicationSelect("notices")).match(notices));
        assertFalse(FrameworkUtil.createFilter(AppDescriptor.applicationSelect("hello-school")).match(notices));
        // the kernel's extensions that serve every application select it too
        assertTrue(FrameworkUtil.createFilter("(osgi.jaxrs.name=*)").match(notices));
    }

    @Test
    void anAppsApplicationWaitsForTheTokenCheckAndTheInstalledAppCheck() {
        assertEquals(List.of(AppDescriptor.TOKEN_CHECK, "(osgi.jaxrs.name=educloud.app-installed-gate)"),
                List.of((String[]) AppApplications.propertiesOf("notices").get("osgi.jaxrs.extension.select")));
    }
}
