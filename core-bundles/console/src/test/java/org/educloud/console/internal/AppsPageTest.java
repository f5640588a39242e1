package org.educloud.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class AppsPageTest {

    @Test
    void versionsCompareByTheirNumbers() {
        assertTrue(AppsPage.newer("1.10.0", "1.9.3"));
        assertTrue(AppsPage.newer("2.0.0", "1.99.99"));
        assertFalse(AppsPage.newer("1.0.0", "1.0.0"));
        assertFalse(AppsPage.newer("1.0.9", "1.1.0"));
    }

    @Test
    void theVersionToInstallIsTheHighestApprovedOne() throws Exception {
        var versions = new ObjectMapper().readTree("[{\"version\": \"1.2.0\", \"state\": \"APPROVED\"}, {\"version\": \"1.10.0\", "
                + "\"state\": \"APPROVED\"}, {\"version\": \"2.0.0\", \"state\": \"SUBMITTED\"}, {\"version\": \"1.11.0\", \"state\": \"REJECTED\"}]");
        assertEquals("1.10.0", AppsPage.latestApproved(versions).orElseThrow().path("version").asText());
        assertTrue(AppsPage.latestApproved(new ObjectMapper().readTree("[]")).isEmpty());
    }
}
