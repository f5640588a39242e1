package org.educloud.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key that encrypts the token signing keys in the database (AES-GCM), so a copy of
 * the database alone cannot forge tokens. Every kernel node of a cluster needs the same key: set
 * it in the config; a single node without one makes its own on first start and keeps it in its
 * data folder.
 */
final class KeyEncryptionKey {

    static final String PREFIX = "aesgcm:";
    private static final Logger LOG = LoggerFactory.getLogger(KeyEncryptionKey.class);
    private static final String HOW = "set keyEncryptionKey in etc/" + IdentityConfig.PID + ".cfg (or the environment variable "
            + "EDUCLOUD_IDENTITY_KEY) to 32 random bytes in base64, e.g. the output of: openssl rand -base64 32";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    KeyEncryptionKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the key encryption key has " + key.length + " bytes, not 32: " + HOW);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The configured key, else the environment's, else the one kept in {@code dataFolder} (made there if missing). */
    static KeyEncryptionKey resolve(String configured, String environment, Path dataFolder) {
        String given = configured != null && !configured.isBlank() ? configured : environment;
        if (given != null && !given.isBlank()) {
            return new KeyEncryptionKey(decode(given.strip()));
        }
        Path file = dataFolder.resolve("identity-key-encryption.key");
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(dataFolder);
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    LOG.warn("Could not restrict {} to its owner on this file system; protect it by other means", file);
                }
                LOG.info("Made a key encryption key for the token signing keys in {}; for a cluster, {}", file, HOW);
            }
            return new KeyEncryptionKey(decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write " + file + ": " + e.getMessage() + "; or " + HOW, e);
        }
    }

    String seal(String plaintext) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable: " + e.getMessage(), e);
        }
    }

    /** Decrypts what {@link #seal} made; text without the prefix (stored before encryption) is returned as it is. */
    String open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] data = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, data, 0, 12));
            return new String(cipher.doFinal(data, 12, data.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a signing key in the database cannot be decrypted with this node's key encryption "
                    + "key (another node's key, or the key changed): " + HOW + ", the same on every node", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key encryption key is not base64: " + HOW, e);
        }
    }
}
