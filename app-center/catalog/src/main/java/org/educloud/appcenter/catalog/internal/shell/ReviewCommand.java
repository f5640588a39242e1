package org.educloud.appcenter.catalog.internal.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.List;

import javax.security.auth.Subject;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.educloud.appcenter.catalog.internal.Actor;
import org.educloud.appcenter.catalog.internal.AppCatalog;
import org.educloud.appcenter.catalog.internal.AppVersion;
import org.educloud.appcenter.catalog.internal.VersionReview;
import org.educloud.platform.rest.ProblemException;

/** app:approve and app:reject: decide a submitted version; print what was decided, or what is wrong and how to fix it. */
public abstract class ReviewCommand implements Action {

    @Reference
    protected VersionReview review;

    @Reference
    protected AppCatalog catalog;

    @Argument(index = 0, name = "app", description = "The app's id", required = true)
    @Completion(SubmittedAppCompleter.class)
    protected String appId;

    @Argument(index = 1, name = "version", description = "The version; the only one waiting for review when left out")
    @Completion(SubmittedVersionCompleter.class)
    protected String version;

    @Override
    public Object execute() {
        try {
            AppVersion decided = decide(version == null ? onlySubmitted() : version, new Actor(operator(), null));
            System.out.println(decided.appId() + " " + decided.version() + " " + decided.state()
                    + (decided.reason() == null ? "" : ": " + decided.reason()));
        } catch (ProblemException e) {
            System.out.println("Error: " + e.getMessage()); // stdout: Karaf does not forward stderr of an SSH exec
        }
        return null;
    }

    protected abstract AppVersion decide(String version, Actor actor);

    private String onlySubmitted() {
        List<String> waiting = catalog.submitted().stream().filter(v -> v.appId().equals(appId)).map(AppVersion::version).toList();
        if (waiting.size() != 1) {
            throw new ProblemException(org.educloud.platform.rest.Problem.invalidInput("version", waiting.isEmpty()
                    ? "no version of " + appId + " waits for review"
                    : appId + " has " + waiting.size() + " versions waiting (" + String.join(", ", waiting) + "); name one"));
        }
        return waiting.get(0);
    }

    @SuppressWarnings("removal") // Karaf runs each command inside Subject.doAs; this is how to read it on Java 17
    private static String operator() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal principal : subject.getPrincipals()) {
                if (principal.getClass().getSimpleName().equals("UserPrincipal")) {
                    return "shell:" + principal.getName();
                }
            }
        }
        return "shell:console";
    }
}
