package org.educloud.appcenter.catalog.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.educloud.appcenter.catalog.internal.Actor;
import org.educloud.appcenter.catalog.internal.AppVersion;

/** {@code app:approve}: approves a submitted version, so schools may install it. */
@Command(scope = "app", name = "approve", description = "Approves a submitted app version, so schools may install it")
@Service
public class AppApproveCommand extends ReviewCommand {

    @Option(name = "-n", aliases = "--note", description = "A note for the vendor")
    private String note;

    @Override
    protected AppVersion decide(String version, Actor actor) {
        return review.approve(appId, version, note, actor);
    }
}
