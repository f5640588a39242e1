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

/** Completes the versions waiting for review of the app named before it on the command line. */
@Service
public class SubmittedVersionCompleter implements Completer {

    @Reference
    private AppCatalog catalog;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String[] words = commandLine.getArguments();
        String appId = commandLine.getCursorArgumentIndex() > 0 ? words[commandLine.getCursorArgumentIndex() - 1] : "";
        TreeSet<String> versions = new TreeSet<>();
        catalog.submitted().stream().filter(v -> v.appId().equals(appId)).map(AppVersion::version).forEach(versions::add);
        return new StringsCompleter(versions).complete(session, commandLine, candidates);
    }
}
