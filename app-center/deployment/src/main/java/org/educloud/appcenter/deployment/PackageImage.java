package org.educloud.appcenter.deployment;

import java.util.Locale;

/**
 * An icon or screenshot from a stored app package (checked when the package was stored: it is
 * the image its extension says).
 *
 * @param name    its path in the package
 * @param content its bytes
 */
public record PackageImage(String name, byte[] content) {

    /** The content type to serve it with. */
    public String contentType() {
        return switch (name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }
}
