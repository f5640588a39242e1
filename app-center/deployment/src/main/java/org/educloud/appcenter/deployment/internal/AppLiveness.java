package org.educloud.appcenter.deployment.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.educloud.persistence.Migration;
import org.educloud.persistence.MigrationState;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Whether an app's bundles are live: each ACTIVE and each of its enabled Declarative Services
 * components satisfied (or active), and if not, why, as specifically as the kernel can tell: a
 * failed changelog, a component whose activation threw, a reference nothing satisfies.
 */
final class AppLiveness {

    private final ServiceComponentRuntime scr;
    private final SchemaMigrations migrations;

    AppLiveness(ServiceComponentRuntime scr, SchemaMigrations migrations) {
        this.scr = scr;
        this.migrations = migrations;
    }

    /** The verdict on a set of bundles at one moment. */
    record Verdict(boolean live, boolean hopeless, String reason) {
    }

    Verdict check(Collection<Bundle> bundles) {
        if (bundles.isEmpty()) {
            return new Verdict(false, false, "none of its bundles is installed yet");
        }
        List<String> waiting = new ArrayList<>();
        for (Bundle bundle : bundles) {
            String name = bundle.getSymbolicName() + " " + bundle.getVersion();
            Optional<Migration> failed = migrations.migrations().stream()
                    .filter(m -> m.bundleSymbolicName().equals(bundle.getSymbolicName())
                            && m.bundleVersion().equals(bundle.getVersion().toString()) && m.state() == MigrationState.FAILED)
                    .findFirst();
            if (failed.isPresent()) {
                return new Verdict(false, true, "bundle " + name + " was not started because its changelog "
                        + failed.get().changelog() + " failed: " + failed.get().detail());
            }
            if (bundle.getState() != Bundle.ACTIVE) {
                waiting.add("bundle " + name + " is " + stateName(bundle.getState()));
                continue;
            }
            String components = bundle.getHeaders("").get("Service-Component");
            Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs(bundle);
            if (components != null && !components.isBlank() && descriptions.isEmpty()) {
                waiting.add("the components of bundle " + name + " are not known to Declarative Services yet");
                continue;
            }
            for (ComponentDescriptionDTO description : descriptions) {
                if (!scr.isComponentEnabled(description)) {
                    continue;
                }
                Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
                if (configurations.isEmpty()) {
                    waiting.add("component " + description.name + " has no configuration yet");
                }
                for (ComponentConfigurationDTO configuration : configurations) {
                    switch (configuration.state) {
                        case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> {
                        }
                        case ComponentConfigurationDTO.FAILED_ACTIVATION -> {
                            return new Verdict(false, true, "component " + description.name + " of bundle " + name
                                    + " failed to activate: " + rootCause(configuration.failure));
                        }
                        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> waiting.add("component " + description.name
                                + " waits for " + unsatisfied(configuration));
                        default -> waiting.add("component " + description.name + " is not satisfied (state " + configuration.state + ")");
                    }
                }
            }
        }
        return waiting.isEmpty() ? new Verdict(true, false, "") : new Verdict(false, false, String.join("; ", waiting));
    }

    /**
     * The root cause of a failure as Declarative Services reports it (a whole stack trace): the
     * last "Caused by" line, else the first line; that is what the vendor needs to read first.
     */
    static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String cause = failure.lines().findFirst().orElse(failure).strip();
        for (String line : failure.lines().toList()) {
            if (line.strip().startsWith("Caused by: ")) {
                cause = line.strip().substring("Caused by: ".length());
            }
        }
        return cause;
    }

    private static String unsatisfied(ComponentConfigurationDTO configuration) {
        List<String> names = new ArrayList<>();
        for (var reference : configuration.unsatisfiedReferences) {
            names.add(reference.name + (reference.target == null ? "" : " " + reference.target));
        }
        return names.isEmpty() ? "its references" : String.join(", ", names);
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (not resolved: a package it imports is missing)";
            case Bundle.RESOLVED -> "RESOLVED (stopped)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "in state " + state;
        };
    }
}
