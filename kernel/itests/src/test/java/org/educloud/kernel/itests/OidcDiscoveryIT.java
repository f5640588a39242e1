package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/** The identity provider's discovery document and signing keys, served by the booted kernel from its database. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OidcDiscoveryIT {

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void discoveryNamesTheIssuerAndItsKeySet() throws Exception {
        HttpResponse<String> response = KernelHttp.getUntil("/.well-known/openid-configuration",
                r -> r.statusCode() == 200, Duration.ofSeconds(90));
        assertEquals(response.body(), 200, response.statusCode());
        JsonNode discovery = KernelHttp.json(response);

        assertEquals(KernelAddress.ISSUER, discovery.path("issuer").asText());
        assertEquals(KernelAddress.ISSUER + "/oauth2/jwks", discovery.path("jwks_uri").asText());
        assertTrue(discovery.toString(), discovery.path("id_token_signing_alg_values_supported").toString().contains("RS256"));
    }

    @Test
    public void theKeySetPublishesOnlyPublicSigningKeys() throws Exception {
        HttpResponse<String> response = KernelHttp.getUntil("/oauth2/jwks", r -> r.statusCode() == 200, Duration.ofSeconds(90));
        JsonNode keys = KernelHttp.json(response).path("keys");

        assertTrue(response.body(), keys.size() >= 1);
        for (JsonNode key : keys) {
            assertTrue(key.toString(), key.path("kty").asText().equals("RSA") || key.path("kty").asText().equals("EC"));
            assertEquals("sig", key.path("use").asText());
            assertTrue(key.toString(), key.hasNonNull("kid"));
            assertTrue("no private part is published: " + key, key.path("d").isMissingNode());
        }
        assertEquals("the same keys on every request", response.body(), KernelHttp.get("/oauth2/jwks").body());
    }
}
