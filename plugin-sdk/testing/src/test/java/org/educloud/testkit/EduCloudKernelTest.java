package org.educloud.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** What a vendor sees when the test is set up wrong: each says what to change. */
class EduCloudKernelTest {

    @Test
    void anAppPackageThatWasNotBuiltIsNamedWithWhatToDo() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> EduCloudKernel.withApp(Path.of("target/no-such-app-1.0.0.kar")));
        assertTrue(missing.getMessage().contains("no-such-app-1.0.0.kar does not exist: build it first"), missing.getMessage());
    }

    @Test
    void withoutTheAppPropertyTheMessageSaysWhereToSetIt() {
        String before = System.clearProperty(EduCloudKernel.APP_UNDER_TEST);
        try {
            IllegalStateException unset = assertThrows(IllegalStateException.class, EduCloudKernel::withAppUnderTest);
            assertTrue(unset.getMessage().contains(EduCloudKernel.APP_UNDER_TEST + " is not set"), unset.getMessage());
        } finally {
            if (before != null) {
                System.setProperty(EduCloudKernel.APP_UNDER_TEST, before);
            }
        }
    }

    @Test
    void withoutADistributionNothingBoots() {
        String before = System.clearProperty(EduCloudKernel.DISTRIBUTION);
        try {
            IllegalStateException unset = assertThrows(IllegalStateException.class, EduCloudKernel::options);
            assertTrue(unset.getMessage().contains(EduCloudKernel.DISTRIBUTION + " must name an existing path"), unset.getMessage());
        } finally {
            if (before != null) {
                System.setProperty(EduCloudKernel.DISTRIBUTION, before);
            }
        }
    }

    @Test
    void theKernelUnderTestAnswersAwayFromARunningKernelAndMovesWithTheOffset() {
        assertEquals(8281 + KernelAddress.PORT_OFFSET, KernelAddress.HTTP_PORT);
        assertEquals(8201 + KernelAddress.PORT_OFFSET, KernelAddress.SSH_PORT);
        assertEquals("http://localhost:" + KernelAddress.HTTP_PORT, KernelAddress.ISSUER);
        assertEquals("teacher@/99/9901/990101/9901010001", new TestUser("kit.teacher", "teacher", "/99/9901/990101/9901010001").grant());
    }
}
