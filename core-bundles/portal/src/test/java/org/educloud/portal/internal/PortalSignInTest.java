package org.educloud.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PortalSignInTest {

    private static final List<String> PATHS = PortalSignIn.sessionPaths(new String[] {"/console"});

    @Test
    void theSessionIsSharedWithThePortalAndTheConfiguredPathsOnly() {
        assertEquals(List.of("/portal", "/console"), PATHS);
        assertEquals(List.of("/portal", "/console", "/ops/admin"), PortalSignIn.sessionPaths(new String[] {" /console/ ", "/ops/admin", "/portal"}));
        assertEquals(List.of("/portal"), PortalSignIn.sessionPaths(new String[0]));
    }

    @Test
    void pluginAppsAndNonPathsAreRefusedWithWhatToChange() {
        IllegalArgumentException apps = assertThrows(IllegalArgumentException.class, () -> PortalSignIn.sessionPaths(new String[] {"/apps"}));
        assertTrue(apps.getMessage().contains("plugin apps"), apps.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PortalSignIn.sessionPaths(new String[] {"/apps/hello"}));
        assertThrows(IllegalArgumentException.class, () -> PortalSignIn.sessionPaths(new String[] {"https://evil.example/x"}));
        assertThrows(IllegalArgumentException.class, () -> PortalSignIn.sessionPaths(new String[] {"/a b"}));
    }

    @Test
    void aLoginComesBackOnlyToAPageSharingTheSession() {
        assertEquals(Optional.of("/console/users?q=zhang"), PortalSignIn.returnPath(PATHS, "/console/users?q=zhang"));
        assertEquals(Optional.of("/console"), PortalSignIn.returnPath(PATHS, "/console"));
        assertEquals(Optional.of("/portal/cases/3"), PortalSignIn.returnPath(PATHS, "/portal/cases/3"));
        for (String elsewhere : new String[] {null, "", "console/users", "//evil.example/console/", "https://evil.example/console/",
                "/\\evil.example", "/consoleX/", "/apps/hello/", "/console/../apps/hello/", "/console/\nSet-Cookie: x=1", "/console/ x"}) {
            assertEquals(Optional.empty(), PortalSignIn.returnPath(PATHS, elsewhere), "refused: " + elsewhere);
        }
    }
}
