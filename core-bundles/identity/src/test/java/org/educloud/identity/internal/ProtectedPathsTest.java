package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProtectedPathsTest {

    @Test
    void theKernelAndAppApisNeedATokenAndTheOidcEndpointsDoNot() {
        assertTrue(ProtectedPaths.needsToken("/api/identity/v1/accounts"));
        assertTrue(ProtectedPaths.needsToken("/api"));
        assertTrue(ProtectedPaths.needsToken("/apps/registry/api/students"));
        assertFalse(ProtectedPaths.needsToken("/apps/registry/index.html"));
        assertFalse(ProtectedPaths.needsToken("/oauth2/token"));
        assertFalse(ProtectedPaths.needsToken("/.well-known/openid-configuration"));
        assertFalse(ProtectedPaths.needsToken("/apis/x"));
        assertFalse(ProtectedPaths.needsToken(""));
    }

    @Test
    void pathsThatJaxRsWouldMatchToAnApiCannotSlipPast() {
        assertTrue(ProtectedPaths.needsToken("//api/identity/v1/accounts"));
        assertTrue(ProtectedPaths.needsToken("/api;jsessionid=1/identity/v1/accounts"));
        assertTrue(ProtectedPaths.needsToken("/oauth2/../api/identity/v1/accounts"));
        assertTrue(ProtectedPaths.needsToken("/./api/identity"));
        assertTrue(ProtectedPaths.needsToken("/apps/registry/./api/x"));
    }
}
