package org.educloud.appcenter.catalog.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.educloud.appcenter.catalog.internal.Actor;
import org.educloud.appcenter.catalog.internal.AppVersion;

/** {@code app:reject}: rejects a submitted version with the reason the vendor reads. */
@Command(scope = "app", name = "reject", description = "Rejects a submitted app version with a reason")
@Service
public class AppRejectCommand extends ReviewCommand {

    @Option(name = "-r", aliases = "--reason", description = "Why, so that the vendor can fix it", required = true)
    private String reason;

    @Override
    protected AppVersion decide(String version, Actor actor) {
        return review.reject(appId, version, reason, actor);
    }
}
