package org.educloud.appcenter.catalog.internal.shell;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.educloud.appcenter.catalog.internal.AppCatalog;
import org.educloud.appcenter.catalog.internal.AppVersion;

/** Completes the ids of apps with a version waiting for review. */
@Service
public class SubmittedAppCompleter implements Completer {

    @Reference
    private AppCatalog catalog;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> ids = new TreeSet<>();
        catalog.submitted().stream().map(AppVersion::appId).forEach(ids::add);
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
