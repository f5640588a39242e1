package org.educloud.appcenter.packages;

import java.util.Objects;

/**
 * One thing wrong with an app package, said so that the vendor can fix it.
 *
 * @param where the part at fault: an archive entry, a descriptor member ({@code descriptor.name.en}),
 *              a bundle ({@code bundle org.example.app}) or {@code package} for the archive as a whole
 * @param what  what is wrong
 * @param fix   how to fix it
 */
public record PackageProblem(String where, String what, String fix) {

    public PackageProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return where + ": " + what + "; " + fix;
    }
}
