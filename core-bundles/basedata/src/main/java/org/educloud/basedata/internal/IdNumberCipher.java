package org.educloud.basedata.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.educloud.basedata.NationalId;

/**
 * Encrypts ID numbers with AES-256-GCM and computes their blind index (HMAC-SHA256), each with its
 * own key derived from the one configured master key (HKDF-Expand, RFC 5869), so the index key never
 * decrypts and the encryption key never indexes.
 *
 * <p>A stored value is {@code version (1 byte) | nonce (12) | ciphertext and tag}. The row's sourced
 * id is the associated data: a ciphertext copied into another person's row does not decrypt.
 */
public final class IdNumberCipher {

    /** Master keys are this many bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random;
    // Cipher and Mac are not thread-safe but costly to look up: each thread keeps its own (a bulk load seals thousands a second).
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(IdNumberCipher::aesGcm);
    private final ThreadLocal<Mac> macs;

    public IdNumberCipher(byte[] masterKey, SecureRandom random) {
        if (masterKey == null || masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the ID number key must be " + KEY_BYTES + " bytes, not "
                    + (masterKey == null ? 0 : masterKey.length));
        }
        this.encryptionKey = new SecretKeySpec(expand(masterKey, "educloud basedata id-number aes-gcm v1"), "AES");
        this.indexKey = new SecretKeySpec(expand(masterKey, "educloud basedata id-number blind-index v1"), "HmacSHA256");
        this.random = random;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(indexKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM: " + e.getMessage(), e);
            }
        });
    }

    private static Cipher aesGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** The stored form of {@code id} in the row {@code sourcedId}. */
    public byte[] encrypt(NationalId id, String sourcedId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(sourcedId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(id.value().getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * The ID number stored in the row {@code sourcedId}.
     *
     * @throws IllegalStateException when the value was altered, belongs to another row or was sealed with another key
     */
    public NationalId decrypt(byte[] stored, String sourcedId) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != FORMAT) {
            throw new IllegalStateException("the stored ID number of " + sourcedId + " is not in a format this kernel reads");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(sourcedId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new NationalId(new String(plain, StandardCharsets.US_ASCII));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the stored ID number of " + sourcedId + " does not decrypt: it was altered, "
                    + "copied from another row, or encrypted with another idNumberKey", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * The blind index of {@code id} (32 bytes, HMAC-SHA256): equal numbers give equal indexes, and the index reveals nothing
     * without the key.
     */
    public byte[] index(NationalId id) {
        return macs.get().doFinal(id.value().getBytes(StandardCharsets.US_ASCII));
    }

    /** HKDF-Expand (RFC 5869) of one block: the master key is already uniformly random, so it serves as the PRK. */
    static byte[] expand(byte[] masterKey, String info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            mac.update(info.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return Arrays.copyOf(mac.doFinal(), KEY_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM: " + e.getMessage(), e);
        }
    }
}
