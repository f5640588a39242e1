package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.educloud.basedata.NationalId;
import org.junit.jupiter.api.Test;

/** AES-GCM sealing of ID numbers: round trip, tamper detection, binding to the row, and the blind index. */
class IdNumberCipherTest {

    private static final NationalId ID = new NationalId("11010519491231002X");
    private final IdNumberCipher cipher = new IdNumberCipher(key(1), new SecureRandom());

    @Test
    void aSealedNumberOpensToTheSameNumberAndDoesNotShowIt() {
        byte[] sealed = cipher.encrypt(ID, "person-1");
        assertEquals(ID, cipher.decrypt(sealed, "person-1"));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("11010519491231002X"));
        assertEquals(1 + 12 + 18 + 16, sealed.length, "format byte, nonce, 18 characters, tag");
    }

    @Test
    void eachSealingUsesAFreshNonce() {
        assertFalse(Arrays.equals(cipher.encrypt(ID, "person-1"), cipher.encrypt(ID, "person-1")));
    }

    @Test
    void anyAlteredByteIsDetected() {
        byte[] sealed = cipher.encrypt(ID, "person-1");
        for (int i = 1; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> cipher.decrypt(tampered, "person-1"));
            assertTrue(refused.getMessage().contains("altered"), refused.getMessage());
        }
    }

    @Test
    void aNumberCopiedToAnotherRowOrReadWithAnotherKeyDoesNotOpen() {
        byte[] sealed = cipher.encrypt(ID, "person-1");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "person-2"));
        assertThrows(IllegalStateException.class, () -> new IdNumberCipher(key(2), new SecureRandom()).decrypt(sealed, "person-1"));
        byte[] unknownFormat = sealed.clone();
        unknownFormat[0] = 9;
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(unknownFormat, "person-1"));
    }

    @Test
    void theBlindIndexIsStablePerKeyAndRevealsNothingWithoutIt() {
        byte[] index = cipher.index(ID);
        assertEquals(32, index.length);
        assertArrayEquals(index, new IdNumberCipher(key(1), new SecureRandom()).index(ID));
        assertFalse(Arrays.equals(index, new IdNumberCipher(key(2), new SecureRandom()).index(ID)));
        assertFalse(Arrays.equals(index, cipher.index(new NationalId("440524188001010014"))));
    }

    @Test
    void theEncryptionAndIndexKeysDifferFromTheMasterAndEachOther() {
        byte[] encryption = IdNumberCipher.expand(key(1), "educloud basedata id-number aes-gcm v1");
        byte[] index = IdNumberCipher.expand(key(1), "educloud basedata id-number blind-index v1");
        assertFalse(Arrays.equals(encryption, index));
        assertFalse(Arrays.equals(encryption, key(1)));
        assertArrayEquals(encryption, IdNumberCipher.expand(key(1), "educloud basedata id-number aes-gcm v1"));
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new IdNumberCipher(new byte[16], new SecureRandom()));
        assertTrue(refused.getMessage().contains("32 bytes"));
    }

    static byte[] key(int seed) {
        byte[] key = new byte[IdNumberCipher.KEY_BYTES];
        Arrays.fill(key, (byte) seed);
        key[0] = (byte) (seed * 31);
        return key;
    }
}
