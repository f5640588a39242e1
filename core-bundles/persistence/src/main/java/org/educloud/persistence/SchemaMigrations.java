package org.educloud.persistence;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the kernel's Liquibase extender did with each bundle's changelog. Available as an OSGi
 * service.
 */
@ProviderType
public interface SchemaMigrations {

    /** The manifest header naming a bundle's Liquibase changelog, a path inside the bundle. */
    String CHANGELOG_HEADER = "EduCloud-Changelog";

    /** The filter that selects the kernel's DataSource service. */
    String DATA_SOURCE_FILTER = "(dataSourceName=educloud)";

    /** One record per bundle that carries a changelog, latest outcome first. */
    List<Migration> migrations();
}
