package org.educloud.basedata.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.educloud.platform.rest.Problem;
import org.junit.jupiter.api.Test;

/** An import upload over the configured size is refused with 413 problem details, and nothing of it is kept. */
class UploadLimitTest {

    @Test
    void anUploadWithinTheLimitIsSpooledAndOneOverItIsNotKept() throws Exception {
        Path kept = ImportsResource.save(new ByteArrayInputStream(new byte[1024]), 1024);
        assertEquals(1024, Files.size(kept));
        Files.delete(kept);
        assertNull(ImportsResource.save(new ByteArrayInputStream(new byte[1025]), 1024));
    }

    @Test
    void theProblemSaysHowLargeAndWhatToDoInstead() {
        Problem problem = ImportsResource.tooLarge(5L << 20, "/api/basedata/v1/imports");
        assertEquals(413, problem.status());
        assertEquals("body", problem.field());
        assertTrue(problem.detail().contains("5 MB") && problem.detail().contains("importMaxMegabytes")
                && problem.detail().contains("data:import"), problem.detail());
    }
}
