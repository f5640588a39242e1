package org.educloud.appcenter.packages;

import java.util.List;
import java.util.Optional;

import org.educloud.sdk.app.AppDescriptor;

/**
 * What the checks found in one app package.
 *
 * @param descriptor   the app's descriptor, when it could be read and is valid
 * @param sha256       the SHA-256 of the archive, lower-case hex
 * @param size         the archive's size in bytes
 * @param featuresPath the entry holding the features repository, or {@code null} when there is none
 * @param problems     everything wrong; empty when the package may be stored and installed
 */
public record PackageReport(Optional<AppDescriptor> descriptor, String sha256, long size, String featuresPath,
        List<PackageProblem> problems) {

    public PackageReport {
        problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean accepted() {
        return problems.isEmpty() && descriptor.isPresent();
    }

    /** The problems, one per line. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (PackageProblem problem : problems) {
            text.append("- ").append(problem).append('\n');
        }
        return text.toString();
    }

    /** The descriptor of an accepted package; throws {@link PackageRefusedException} with the problems otherwise. */
    public AppDescriptor acceptedDescriptor() {
        if (!accepted()) {
            throw new PackageRefusedException(problems);
        }
        return descriptor.orElseThrow();
    }
}
