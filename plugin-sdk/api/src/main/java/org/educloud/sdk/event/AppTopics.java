package org.educloud.sdk.event;

/**
 * OSGi EventAdmin topics the kernel posts about apps, and the properties each event carries.
 * Subscribe with an {@code org.osgi.service.event.EventHandler} service whose
 * {@code event.topics} property names a topic (or {@value #ALL} for every one of them).
 */
public final class AppTopics {

    /** The root of every EduCloud topic. */
    public static final String ROOT = "org/educloud/";

    /** Every app lifecycle topic below. */
    public static final String ALL = ROOT + "app/*";

    /** An app was installed for an org; it is live on this kernel. */
    public static final String INSTALLED = ROOT + "app/INSTALLED";

    /** An app now runs at a new version; the old one has stopped. */
    public static final String UPGRADED = ROOT + "app/UPGRADED";

    /** An app was uninstalled for an org. */
    public static final String UNINSTALLED = ROOT + "app/UNINSTALLED";

    /** An app could not be made live; {@link #REASON} says why. Nothing else was affected. */
    public static final String FAILED = ROOT + "app/FAILED";

    /** Property: the app's id. */
    public static final String APP_ID = "appId";

    /** Property: the app's version this event is about. */
    public static final String VERSION = "version";

    /** Property: the org path the event is about, when it is about one org. */
    public static final String ORG = "org";

    /** Property: why an app failed. */
    public static final String REASON = "reason";

    private AppTopics() {
    }
}
