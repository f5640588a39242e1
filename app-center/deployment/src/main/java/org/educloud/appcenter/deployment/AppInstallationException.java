package org.educloud.appcenter.deployment;

/** An install, upgrade or uninstall was refused or did not work; the message says why and what to do. */
public class AppInstallationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AppInstallationException(String message) {
        super(message);
    }
}
