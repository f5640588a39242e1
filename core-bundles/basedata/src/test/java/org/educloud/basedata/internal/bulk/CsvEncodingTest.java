package org.educloud.basedata.internal.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Encodings: UTF-8 with and without BOM, GBK/GB18030 detected, declared ones win, unknown ones refused. */
class CsvEncodingTest {

    private static final String TEXT = "sourcedId,familyName,givenName\ns1,王,小明\n";

    @Test
    void utf8WithABomIsUtf8AndTheBomIsSkipped() throws IOException {
        byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        CsvEncoding.Detected detected = CsvEncoding.of(new ByteArrayInputStream(withBom), null);
        assertEquals(StandardCharsets.UTF_8, detected.charset());
        assertEquals(TEXT, new String(detected.stream().readAllBytes(), detected.charset()));
    }

    @Test
    void utf8WithoutBomAndGbkAreTellApart() throws IOException {
        assertEquals(StandardCharsets.UTF_8, CsvEncoding.of(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)), null)
                .charset());
        CsvEncoding.Detected gbk = CsvEncoding.of(new ByteArrayInputStream(TEXT.getBytes(Charset.forName("GBK"))), null);
        assertEquals("GB18030", gbk.charset().name());
        assertEquals(TEXT, new String(gbk.stream().readAllBytes(), gbk.charset()));
    }

    @Test
    void aMultiByteCharacterCutAtTheEndOfTheSampleStillCountsAsUtf8() {
        byte[] big = ("a".repeat(CsvEncoding.SAMPLE - 1) + "王").getBytes(StandardCharsets.UTF_8);
        byte[] sample = java.util.Arrays.copyOf(big, CsvEncoding.SAMPLE);
        assertEquals(true, CsvEncoding.isUtf8(sample, false));
        assertEquals(false, CsvEncoding.isUtf8(sample, true));
    }

    @Test
    void aDeclaredEncodingWinsAndAnUnknownOneIsRefused() throws IOException {
        assertEquals("GB18030", CsvEncoding.of(new ByteArrayInputStream(new byte[0]), "gbk").charset().name());
        assertEquals(StandardCharsets.UTF_8, CsvEncoding.of(new ByteArrayInputStream(new byte[] {'a'}), "UTF-8").charset());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CsvEncoding.of(new ByteArrayInputStream(new byte[0]), "klingon"));
        assertEquals(true, refused.getMessage().contains("UTF-8, GBK or GB18030"));
    }
}
