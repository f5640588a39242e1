package org.educloud.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorAccountTest {

    @Test
    void theShippedFileHasNoLogin() throws Exception {
        List<String> shipped = Files.readAllLines(Path.of("../../kernel/distribution/src/main/resources/assembly/etc/users.properties"));
        assertFalse(OperatorAccount.anyUser(shipped), "the distribution must ship no login");
    }

    @Test
    void groupsAndCommentsAreNotLogins() {
        assertFalse(OperatorAccount.anyUser(List.of("#karaf = karaf,_g_:admingroup", "_g_\\:admingroup = group,admin", "")));
        assertTrue(OperatorAccount.anyUser(List.of("karaf = karaf,_g_:admingroup")));
    }

    @Test
    void shortOrRepetitivePasswordsAreRefusedWithTheReason() {
        assertEquals("it has 5 characters; use at least 12", OperatorAccount.weakness("short"));
        assertNotNull(OperatorAccount.weakness("aaaaaaaaaaaaaaaa"));
        assertNull(OperatorAccount.weakness("correct-horse-battery"));
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        SecureRandom random = new SecureRandom();
        String a = OperatorAccount.generatePassword(random);
        assertEquals(20, a.length());
        assertNull(OperatorAccount.weakness(a));
        assertNotEquals(a, OperatorAccount.generatePassword(random));
    }

    @Test
    void theInitialPasswordFileIsReadableOnlyByItsOwner(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("operator-initial-password");
        OperatorAccount.writeOwnerOnly(file, "secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theUserLineJoinsTheAdminGroup() {
        assertEquals("operator = {CRYPT}x{CRYPT},_g_:admingroup", OperatorAccount.userLine("{CRYPT}x{CRYPT}"));
    }
}
