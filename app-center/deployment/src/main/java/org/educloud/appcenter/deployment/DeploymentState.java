package org.educloud.appcenter.deployment;

/** What a kernel node made of an app's desired state. */
public enum DeploymentState {
    /** The wanted version is live: its bundles are active and its components satisfied. */
    LIVE,
    /** The wanted version could not be made live and nothing of it runs; the reason says why. */
    FAILED,
    /** An upgrade could not be made live; the previous version kept serving and still does. */
    ROLLED_BACK,
    /** No org has the app any more; nothing of it runs. */
    REMOVED
}
