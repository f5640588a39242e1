package org.educloud.kernel.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.educloud.persistence.SchemaMigrations;

/** A bundle jar made on the spot that carries nothing but a Liquibase changelog and the header naming it. */
final class ChangelogBundle {

    private ChangelogBundle() {
    }

    /** A changelog with one change set per argument, each holding the given Liquibase change elements (ids 1, 2, ...). */
    static InputStream withChanges(String symbolicName, String... changeSets) throws IOException {
        StringBuilder sets = new StringBuilder();
        for (int i = 0; i < changeSets.length; i++) {
            sets.append("  <changeSet id=\"").append(i + 1).append("\" author=\"itest\">\n").append(changeSets[i])
                    .append("\n  </changeSet>\n");
        }
        String changelog = """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                %s</databaseChangeLog>
                """.formatted(sets);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue(SchemaMigrations.CHANGELOG_HEADER, "db/changelog.xml");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("db/"));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("db/changelog.xml"));
            jar.write(changelog.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
