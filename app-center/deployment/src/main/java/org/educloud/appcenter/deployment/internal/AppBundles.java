package org.educloud.appcenter.deployment.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * An app version's bundles in the running framework: installed and started straight from its
 * feature's bundle list, and uninstalled the same way, never refreshing anything.
 *
 * <p>Why not {@link FeaturesService#installFeature}: Karaf's feature resolver resolves the whole
 * region (some two hundred bundles) for every install, 0.5-0.9 s on two cores, most of an install's
 * time. The app center has already checked the feature: one feature, the app's own bundles only, no
 * configs, no dependencies, imports only of the SDK and the allow-list. So the framework's own
 * resolver, which resolves only the new bundles, is all that is needed. The feature's repository
 * stays registered with Karaf: it is where an app version's bundle list is read.
 */
final class AppBundles {

    /** Karaf's default start level for a feature's bundles. */
    private static final int DEFAULT_START_LEVEL = 80;

    private final BundleContext context;
    private final FeaturesService features;

    AppBundles(BundleContext context, FeaturesService features) {
        this.context = context;
        this.features = features;
    }

    /**
     * Installs and starts the version's bundles. On a failure the caller removes what was installed
     * ({@link #uninstall}), as it does for a version that does not go live.
     */
    void install(String appId, String version) throws Exception {
        Feature feature = features.getFeature(appId, version);
        if (feature == null) {
            throw new IllegalStateException("no feature " + appId + "/" + version + " in the app's repository");
        }
        List<Bundle> toStart = new ArrayList<>();
        for (BundleInfo info : feature.getBundles()) {
            Bundle bundle = context.installBundle(info.getLocation());
            bundle.adapt(BundleStartLevel.class).setStartLevel(info.getStartLevel() > 0 ? info.getStartLevel() : DEFAULT_START_LEVEL);
            if (info.isStart()) {
                toStart.add(bundle);
            }
        }
        for (Bundle bundle : toStart) {
            bundle.start();
        }
    }

    /** The bundles of the version that are installed. */
    List<Bundle> of(String appId, String version) throws Exception {
        List<Bundle> bundles = new ArrayList<>();
        Feature feature = features.getFeature(appId, version);
        if (feature != null) {
            for (BundleInfo info : feature.getBundles()) {
                Bundle bundle = context.getBundle(info.getLocation());
                if (bundle != null) {
                    bundles.add(bundle);
                }
            }
        }
        return bundles;
    }

    /** The versions of the app with bundles installed, by the app's feature repositories. */
    List<String> runningVersions(String appId) throws Exception {
        List<String> versions = new ArrayList<>();
        for (Repository repository : features.listRepositories()) {
            for (Feature feature : repository.getFeatures()) {
                if (feature.getName().equals(appId) && !versions.contains(feature.getVersion())
                        && !of(appId, feature.getVersion()).isEmpty()) {
                    versions.add(feature.getVersion());
                }
            }
        }
        return versions;
    }

    /** Uninstalls the version's bundles (as a feature, if an earlier kernel installed it as one). */
    void uninstall(String appId, String version) throws Exception {
        Feature feature = features.getFeature(appId, version);
        if (feature != null && features.isInstalled(feature)) {
            features.uninstallFeature(appId, version, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        for (Bundle bundle : of(appId, version)) {
            bundle.uninstall();
        }
    }
}
