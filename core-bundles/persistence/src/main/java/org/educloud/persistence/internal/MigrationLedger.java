package org.educloud.persistence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.educloud.persistence.Migration;
import org.educloud.persistence.MigrationState;
import org.educloud.platform.health.HealthReport;
import org.educloud.platform.health.HealthStatus;
import org.osgi.framework.Bundle;

/** The latest migration outcome per bundle, and the "migrations" health report built from it. */
final class MigrationLedger {

    private final Map<Long, Migration> byBundle = new ConcurrentHashMap<>();

    void record(Bundle bundle, String changelog, MigrationState state, String detail) {
        byBundle.put(bundle.getBundleId(), new Migration(bundle.getSymbolicName(), bundle.getVersion().toString(),
                changelog, state, detail == null ? "" : detail, Instant.now()));
    }

    void forget(Bundle bundle) {
        byBundle.remove(bundle.getBundleId());
    }

    Migration of(Bundle bundle) {
        return byBundle.get(bundle.getBundleId());
    }

    List<Migration> all() {
        List<Migration> all = new ArrayList<>(byBundle.values());
        all.sort(Comparator.comparing(Migration::at).reversed());
        return all;
    }

    /**
     * UP when every changelog applied; DEGRADED when some bundle's did not, since that bundle alone
     * is stopped while the kernel and every other bundle go on.
     */
    HealthReport report() {
        Map<String, Object> facts = new LinkedHashMap<>();
        int failed = 0;
        for (Migration migration : all()) {
            String line = migration.state() + (migration.detail().isEmpty() ? "" : ": " + migration.detail());
            facts.put(migration.bundleSymbolicName(), line);
            if (migration.state() != MigrationState.APPLIED) {
                failed++;
            }
        }
        if (failed == 0) {
            return new HealthReport(HealthStatus.UP, facts.size() + " changelog(s) applied", facts);
        }
        return new HealthReport(HealthStatus.DEGRADED, failed + " bundle(s) not started because their changelog did not apply", facts);
    }
}
