package org.educloud.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}),
 * the format libargon2, Keycloak and Spring write too. The defaults are OWASP's recommended minimum
 * (19 MiB, 2 passes, 1 lane); a stored hash keeps its own parameters, so raising them later only
 * affects new hashes and {@link #needsRehash} tells when to upgrade one at login.
 */
final class PasswordHash {

    private static final Pattern PHC = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;

    PasswordHash(int memoryKiB, int iterations, int parallelism, SecureRandom random) {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id needs memory ≥ 8 KiB per lane, at least 1 pass and 1 lane (got m="
                    + memoryKiB + ", t=" + iterations + ", p=" + parallelism + ")");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.random = random;
    }

    /** OWASP's Argon2id minimum: m=19 MiB, t=2, p=1. */
    static PasswordHash owaspDefault() {
        return new PasswordHash(19456, 2, 1, new SecureRandom());
    }

    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** True when the password matches the stored hash; false for any other or malformed hash. */
    boolean verify(String password, String stored) {
        Matcher phc = stored == null ? null : PHC.matcher(stored);
        if (phc == null || !phc.matches()) {
            return false;
        }
        byte[] expected = B64D.decode(phc.group(5));
        byte[] actual = derive(password, B64D.decode(phc.group(4)), Integer.parseInt(phc.group(1)),
                Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** True when the stored hash was made with weaker parameters than the current ones. */
    boolean needsRehash(String stored) {
        Matcher phc = PHC.matcher(stored);
        return !phc.matches() || Integer.parseInt(phc.group(1)) < memoryKiB || Integer.parseInt(phc.group(2)) < iterations;
    }

    private static byte[] derive(String password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
