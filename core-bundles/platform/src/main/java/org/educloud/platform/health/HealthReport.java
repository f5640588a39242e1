package org.educloud.platform.health;

import java.util.Map;
import java.util.Objects;

/**
 * The answer of one {@link HealthIndicator}.
 *
 * @param status how well the part works
 * @param detail one line a human operator can act on, e.g. what is wrong and what to change
 * @param facts  named values worth showing (a URL with the password hidden, a version, counts);
 *               values must be JSON-friendly: strings, numbers, booleans, lists or maps of those
 */
public record HealthReport(HealthStatus status, String detail, Map<String, Object> facts) {

    public HealthReport {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** A report of a working part. */
    public static HealthReport up(String detail, Map<String, Object> facts) {
        return new HealthReport(HealthStatus.UP, detail, facts);
    }

    /** A report of a part that does not work, saying why. */
    public static HealthReport down(String detail, Map<String, Object> facts) {
        return new HealthReport(HealthStatus.DOWN, detail, facts);
    }
}
