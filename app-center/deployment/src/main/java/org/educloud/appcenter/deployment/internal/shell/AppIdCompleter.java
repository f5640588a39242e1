package org.educloud.appcenter.deployment.internal.shell;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.StoredPackage;

/** Completes app ids: every stored or installed app. */
@Service
public class AppIdCompleter implements Completer {

    @Reference
    private AppInstallations apps;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> ids = new TreeSet<>();
        apps.packages().stream().map(StoredPackage::appId).forEach(ids::add);
        apps.installations().stream().map(Installation::appId).forEach(ids::add);
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
