package org.educloud.persistence.internal;

import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;

import liquibase.resource.AbstractResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.URIResource;

/**
 * Serves a bundle's own entries to Liquibase under the path prefix {@code <symbolic name>/}, so
 * each change set is recorded with its bundle in its file path and two bundles that both ship
 * {@code db/changelog.xml} never collide in the change log table.
 */
final class BundleResourceAccessor extends AbstractResourceAccessor {

    private final Bundle bundle;
    private final String root;

    BundleResourceAccessor(Bundle bundle) {
        this.bundle = bundle;
        this.root = bundle.getSymbolicName() + "/";
    }

    /** The path Liquibase is given for an entry path inside the bundle. */
    static String pathFor(Bundle bundle, String entry) {
        return bundle.getSymbolicName() + "/" + (entry.startsWith("/") ? entry.substring(1) : entry);
    }

    @Override
    public List<Resource> getAll(String path) {
        String entry = entryOf(path);
        URL url = entry == null ? null : bundle.getEntry(entry);
        return url == null ? null : List.of(resource(path, url));
    }

    @Override
    public List<Resource> search(String path, boolean recursive) {
        String entry = entryOf(path);
        List<Resource> found = new ArrayList<>();
        if (entry == null) {
            return found;
        }
        Enumeration<URL> urls = bundle.findEntries(entry, "*", recursive);
        while (urls != null && urls.hasMoreElements()) {
            URL url = urls.nextElement();
            if (!url.getPath().endsWith("/")) {
                found.add(resource(root + url.getPath().substring(1), url));
            }
        }
        return found;
    }

    @Override
    public List<String> describeLocations() {
        return List.of("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion());
    }

    @Override
    public void close() {
        // nothing to release: entries are read straight from the installed bundle
    }

    private String entryOf(String path) {
        String normalized = path.replace('\\', '/');
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        return normalized.startsWith(root) ? normalized.substring(root.length()) : null;
    }

    private static Resource resource(String path, URL url) {
        try {
            return new URIResource(path, url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bundle entry " + url + " has no usable URI", e);
        }
    }
}
