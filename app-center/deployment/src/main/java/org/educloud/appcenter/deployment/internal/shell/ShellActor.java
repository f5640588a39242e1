package org.educloud.appcenter.deployment.internal.shell;

import java.security.AccessController;
import java.security.Principal;

import javax.security.auth.Subject;

/** The operator running a shell command, recorded as who installed or stored something. */
final class ShellActor {

    private ShellActor() {
    }

    @SuppressWarnings("removal") // Karaf runs each command inside Subject.doAs; this is how to read it on Java 17
    static String name() {
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
