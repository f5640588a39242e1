/**
 * The kernel's persistence: one pooled {@link javax.sql.DataSource} service (property
 * {@code dataSourceName=educloud}) and schema migrations. A bundle that owns tables names its
 * Liquibase changelog in the {@value org.educloud.persistence.SchemaMigrations#CHANGELOG_HEADER}
 * manifest header; the kernel applies it when the bundle starts, before any of its components
 * run, and a bundle whose migration fails is not started.
 */
@Version("1.0.0")
@Export
package org.educloud.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
