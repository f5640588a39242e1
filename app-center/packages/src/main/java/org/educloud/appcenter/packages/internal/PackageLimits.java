package org.educloud.appcenter.packages.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The limits an app package is checked against ({@code etc/org.educloud.appcenter.packages.cfg}). */
@ObjectClassDefinition(name = "EduCloud app package checks")
public @interface PackageLimits {

    @AttributeDefinition(description = "Largest archive accepted, in bytes")
    long maxPackageBytes() default 50L * 1024 * 1024;

    @AttributeDefinition(description = "Most bytes the archive may expand to")
    long maxExpandedBytes() default 200L * 1024 * 1024;

    @AttributeDefinition(description = "Highest expanded/compressed ratio of an entry larger than 1 MiB (zip bombs compress by 1000 and more)")
    int maxCompressionRatio() default 100;

    @AttributeDefinition(description = "Most entries in the archive")
    int maxEntries() default 2000;

    @AttributeDefinition(description = "Largest icon or screenshot an app package may hold, in bytes")
    int maxImageBytes() default 1024 * 1024;

    @AttributeDefinition(description = "Packages an app's bundles may import besides org.educloud.sdk.* and java.*; "
            + "a trailing .* allows the package and everything below it")
    String[] allowedImports() default {
        "javax.ws.rs", "javax.ws.rs.*", "javax.sql", "javax.annotation", "javax.inject",
        "org.osgi.service.*", "org.slf4j", "org.slf4j.*",
        "com.fasterxml.jackson.annotation", "com.fasterxml.jackson.core", "com.fasterxml.jackson.core.*",
        "com.fasterxml.jackson.databind", "com.fasterxml.jackson.databind.*"
    };
}
