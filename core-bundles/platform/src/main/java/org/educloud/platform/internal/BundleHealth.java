package org.educloud.platform.internal;

import java.util.ArrayList;
import java.util.List;

import org.educloud.platform.health.HealthStatus;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Judges one bundle: it is UP when it is active and each of its enabled Declarative Services
 * components is satisfied; otherwise it says which component waits for what.
 */
final class BundleHealth {

    private BundleHealth() {
    }

    static PartHealth of(Bundle bundle, ServiceComponentRuntime scr) {
        String state = stateName(bundle.getState());
        String version = bundle.getVersion().toString();
        if (bundle.getState() != Bundle.ACTIVE) {
            return new PartHealth(bundle.getSymbolicName(), version, state, HealthStatus.DOWN,
                    "bundle is " + state + ", not ACTIVE");
        }
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                String problem = problem(description.name, configuration);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems.isEmpty()
                ? new PartHealth(bundle.getSymbolicName(), version, state, HealthStatus.UP, "")
                : new PartHealth(bundle.getSymbolicName(), version, state, HealthStatus.DOWN, String.join("; ", problems));
    }

    static String problem(String component, ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                List<String> missing = new ArrayList<>();
                for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                    missing.add(reference.name);
                }
                return component + " waits for " + String.join(", ", missing);
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return component + " waits for its configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return component + " failed to activate: " + reason(configuration.failure);
            default:
                return null;
        }
    }

    /** The innermost "Caused by" of a failure text, or its first line: the part an operator can act on. */
    static String reason(String failure) {
        if (failure == null) {
            return "unknown reason";
        }
        String reason = failure.lines().findFirst().orElse(failure);
        for (String line : (Iterable<String>) failure.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                reason = line.substring("Caused by: ".length());
            }
        }
        return reason;
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            default: return "UNINSTALLED";
        }
    }
}
