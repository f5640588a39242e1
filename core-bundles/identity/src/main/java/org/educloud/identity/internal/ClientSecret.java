package org.educloud.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets and handles (client secrets, codes, refresh tokens, session ids) and their
 * stored form. They carry 256 random bits, so a plain SHA-256 stored in place of the value is
 * enough: nobody can guess a preimage, and a slow password hash would only cost time per request.
 */
final class ClientSecret {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientSecret() {
    }

    /** A new value: 32 random bytes, base64url without padding (43 characters). */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored for a value: its SHA-256 in hex (64 characters). */
    static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Compares a presented value with a stored digest in constant time. */
    static boolean matches(String presented, String storedDigest) {
        if (presented == null || storedDigest == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(presented).getBytes(StandardCharsets.US_ASCII),
                storedDigest.getBytes(StandardCharsets.US_ASCII));
    }
}
