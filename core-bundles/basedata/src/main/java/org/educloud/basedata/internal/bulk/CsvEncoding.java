package org.educloud.basedata.internal.bulk;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * The character set of an uploaded CSV: declared, or detected from its first bytes. A UTF-8 byte
 * order mark means UTF-8 (and is skipped); otherwise a sample that decodes as strict UTF-8 is UTF-8,
 * and anything else is taken for GB18030, the superset of GBK and GB2312 that Chinese school systems
 * and Excel on Chinese Windows export. Only the sample is buffered, never the file.
 */
public final class CsvEncoding {

    /** How many bytes detection looks at. */
    static final int SAMPLE = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvEncoding() {
    }

    /** A stream positioned after any UTF-8 byte order mark, with the character set to read it in. */
    public record Detected(InputStream stream, Charset charset) {
    }

    /**
     * @param declared the character set the uploader named ({@code UTF-8}, {@code GBK}, {@code GB18030}), or null to detect
     * @throws IllegalArgumentException when the declared name is not a character set this JVM knows
     */
    public static Detected of(InputStream raw, String declared) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SAMPLE + 16);
        in.mark(SAMPLE + 16);
        byte[] sample = in.readNBytes(SAMPLE);
        in.reset();
        boolean bom = sample.length >= 3 && Arrays.equals(Arrays.copyOf(sample, 3), UTF8_BOM);
        if (bom) {
            in.skipNBytes(3);
        }
        if (declared != null && !declared.isBlank()) {
            return new Detected(in, named(declared.strip()));
        }
        if (bom) {
            return new Detected(in, StandardCharsets.UTF_8);
        }
        return new Detected(in, isUtf8(sample, sample.length < SAMPLE) ? StandardCharsets.UTF_8 : Charset.forName("GB18030"));
    }

    /** The character set of this name; GBK and GB2312 as GB18030. */
    public static Charset named(String name) {
        try {
            // GBK and GB2312 files are read as GB18030, their superset, so a rare character outside GBK still reads.
            return name.equalsIgnoreCase("GBK") || name.equalsIgnoreCase("GB2312") ? Charset.forName("GB18030") : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("encoding '" + name + "' is not known: use UTF-8, GBK or GB18030, or leave it out "
                    + "to detect it");
        }
    }

    /** True when the bytes are strict UTF-8; a character cut off at the end of a partial sample does not count against it. */
    static boolean isUtf8(byte[] sample, boolean whole) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(sample.length + 1);
        return !decoder.decode(ByteBuffer.wrap(sample), out, whole).isError() && (!whole || !decoder.flush(out).isError());
    }
}
