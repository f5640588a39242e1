package org.educloud.appcenter.packages.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Whether an image's bytes are what its file name's extension says (so a catalog page never serves something else as an image). */
final class ImageKind {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final java.util.regex.Pattern EVENT_ATTRIBUTE = java.util.regex.Pattern.compile("\\son[a-z]+\\s*=");
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private ImageKind() {
    }

    static boolean matches(String name, byte[] content) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "png" -> startsWith(content, PNG);
            case "jpg", "jpeg" -> startsWith(content, JPEG);
            case "webp" -> content.length >= 12 && new String(content, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                    && new String(content, 8, 4, StandardCharsets.US_ASCII).equals("WEBP");
            // An SVG is XML text with an svg element, and never script: it is served as an image to browsers.
            case "svg" -> {
                String text = new String(content, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                yield text.contains("<svg") && !text.contains("<script") && !text.contains("javascript:")
                        && !EVENT_ATTRIBUTE.matcher(text).find();
            }
            default -> false;
        };
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }
}
