package org.educloud.platform.health;

/** How well a part of the platform works, from best to worst. */
public enum HealthStatus {
    /** Works as intended. */
    UP,
    /** Works, but something it is responsible for does not (e.g. one app's migration failed). */
    DEGRADED,
    /** Does not work; the platform cannot serve requests that need it. */
    DOWN;

    /** The worse of this status and {@code other}. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
