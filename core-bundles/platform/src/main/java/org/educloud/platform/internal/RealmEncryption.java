package org.educloud.platform.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How Karaf's "karaf" realm stores passwords, read from the {@code org.apache.karaf.jaas}
 * configuration ({@code etc/org.apache.karaf.jaas.cfg}). A password is hashed with exactly these
 * settings so the realm's login module can verify it; hashing with any others locks the operator out.
 *
 * @param params the encryption service's parameters ({@code algorithm}, {@code encoding}, ...)
 * @param prefix the marker before a stored hash
 * @param suffix the marker after it
 */
record RealmEncryption(Map<String, String> params, String prefix, String suffix) {

    static final String PID = "org.apache.karaf.jaas";
    static final String SERVICE_NAME = "spring-security-crypto";
    private static final String KEY = "encryption.";
    private static final Set<String> NOT_PARAMS = Set.of("enabled", "name", "prefix", "suffix");

    /** Reads the realm configuration; the message of the exception says what to set. */
    static RealmEncryption from(Map<String, ?> config) {
        if (config == null || !"true".equals(String.valueOf(config.get(KEY + "enabled")).trim())) {
            throw new IllegalStateException("password encryption is off in etc/org.apache.karaf.jaas.cfg: set encryption.enabled = true");
        }
        if (!SERVICE_NAME.equals(String.valueOf(config.get(KEY + "name")).trim())) {
            throw new IllegalStateException("etc/org.apache.karaf.jaas.cfg must name encryption.name = " + SERVICE_NAME);
        }
        Map<String, String> params = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(KEY) && !NOT_PARAMS.contains(key.substring(KEY.length()))) {
                params.put(key.substring(KEY.length()), String.valueOf(value).trim());
            }
        });
        return new RealmEncryption(Map.copyOf(params), text(config.get(KEY + "prefix")), text(config.get(KEY + "suffix")));
    }

    /** The value stored in users.properties for a hash. */
    String stored(String hash) {
        return prefix + hash + suffix;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
