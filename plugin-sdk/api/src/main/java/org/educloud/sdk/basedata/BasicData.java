package org.educloud.sdk.basedata;

import org.educloud.sdk.user.CurrentUser;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The base data service an app gets from the kernel (an OSGi service; each app bundle gets its own
 * instance, which knows which app it serves).
 *
 * <pre>{@code
 * @Reference BasicData basicData;
 *
 * @GET @Path("classes")
 * public List<SchoolClass> myClasses(@Context SecurityContext security) {
 *     BasicDataView view = basicData.asUser(CurrentUser.of(security).orElseThrow());
 *     return view.me().map(me -> view.classesOf(me.id())).orElse(List.of());
 * }
 * }</pre>
 */
@ProviderType
public interface BasicData {

    /**
     * The base data the app may show {@code user}: orgs that installed the app and granted
     * {@link org.educloud.sdk.app.AppScopes#BASEDATA_READ}, narrowed to what the user may read.
     */
    BasicDataView asUser(CurrentUser user);

    /** The base data of every org that installed the app and granted {@link org.educloud.sdk.app.AppScopes#BASEDATA_READ}. */
    BasicDataView asApp();
}
