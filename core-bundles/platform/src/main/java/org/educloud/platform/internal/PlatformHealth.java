package org.educloud.platform.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.educloud.platform.health.HealthIndicator;
import org.educloud.platform.health.HealthReport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Gathers the platform's health: every {@link HealthIndicator} service, the kernel's own bundles
 * (symbolic name {@code org.educloud.*}) and the installed apps (bundles carrying the
 * {@value #APP_HEADER} manifest header).
 */
@Component(service = PlatformHealth.class)
public class PlatformHealth {

    /** Manifest header naming the app a bundle belongs to; the app descriptor's id. */
    public static final String APP_HEADER = "EduCloud-App";
    private static final String KERNEL_PREFIX = "org.educloud.";

    private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();
    private final ServiceComponentRuntime scr;
    private final BundleContext context;

    @Activate
    public PlatformHealth(@Reference(name = "scr") ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addIndicator(HealthIndicator indicator) {
        indicators.add(indicator);
    }

    void removeIndicator(HealthIndicator indicator) {
        indicators.remove(indicator);
    }

    /** Checks everything now. */
    public HealthSnapshot snapshot() {
        Map<String, HealthReport> checks = new LinkedHashMap<>();
        indicators.stream().sorted(Comparator.comparing(HealthIndicator::name))
                .forEach(indicator -> checks.put(indicator.name(), safeCheck(indicator)));
        List<PartHealth> services = new ArrayList<>();
        List<PartHealth> apps = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (bundle.getHeaders("").get(APP_HEADER) != null) {
                apps.add(BundleHealth.of(bundle, scr));
            } else if (name != null && name.startsWith(KERNEL_PREFIX)) {
                services.add(BundleHealth.of(bundle, scr));
            }
        }
        services.sort(Comparator.comparing(PartHealth::name));
        apps.sort(Comparator.comparing(PartHealth::name));
        return new HealthSnapshot(HealthSnapshot.overall(checks, services, apps), version(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000, checks, services, apps);
    }

    /** The kernel's version: this bundle's, since the kernel is released as one. */
    public String version() {
        return context.getBundle().getVersion().toString();
    }

    /** Every bundle's state name, counted, for platform:info. */
    public Map<String, Integer> bundleStates() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Bundle bundle : context.getBundles()) {
            counts.merge(BundleHealth.stateName(bundle.getState()), 1, Integer::sum);
        }
        return counts;
    }

    private static HealthReport safeCheck(HealthIndicator indicator) {
        try {
            HealthReport report = indicator.check();
            return report != null ? report : HealthReport.down("the check returned nothing", Map.of());
        } catch (RuntimeException e) {
            return HealthReport.down("the check itself failed: " + e, Map.of());
        }
    }
}
