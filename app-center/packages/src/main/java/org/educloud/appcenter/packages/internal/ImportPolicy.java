package org.educloud.appcenter.packages.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which packages an app's bundles may import: the SDK ({@code org.educloud.sdk.*}), the Java
 * platform and an allow-list of libraries. Everything else of the kernel is refused, whatever
 * the allow-list says: an app that reached into a kernel bundle would break (or break the kernel)
 * when that bundle changes, and could read what the kernel keeps from apps.
 */
final class ImportPolicy {

    private static final String SDK = "org.educloud.sdk";
    private static final String KERNEL = "org.educloud";

    private final List<String> allowed;

    ImportPolicy(String[] allowed) {
        this.allowed = List.of(allowed);
    }

    /** Why {@code packageName} may not be imported, or empty when it may. */
    Optional<String> refusal(String packageName) {
        if (packageName.equals(SDK) || packageName.startsWith(SDK + ".")) {
            return Optional.empty();
        }
        if (packageName.equals(KERNEL) || packageName.startsWith(KERNEL + ".")) {
            return Optional.of(packageName.contains(".internal") || packageName.endsWith("internal")
                    ? "imports the kernel internal package " + packageName
                    : "imports the kernel package " + packageName + ", which is not part of the SDK");
        }
        if (packageName.startsWith("java.") || matches(packageName)) {
            return Optional.empty();
        }
        return Optional.of("imports " + packageName + ", which is neither in the SDK nor a library the kernel offers apps");
    }

    private boolean matches(String packageName) {
        for (String rule : allowed) {
            String pattern = rule.strip();
            if (pattern.endsWith(".*") ? packageName.startsWith(pattern.substring(0, pattern.length() - 1))
                    : packageName.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** The package names of an OSGi package header ({@code Import-Package}, {@code Export-Package}). */
    static List<String> packageNames(String header) {
        List<String> names = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return names;
        }
        // Clauses are separated by commas outside quotes; a clause is names separated by ';' then attributes.
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                for (String part : clause.toString().split(";")) {
                    String name = part.strip();
                    if (name.isEmpty() || name.contains("=")) {
                        break; // attributes and directives follow the names
                    }
                    names.add(name);
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }
}
