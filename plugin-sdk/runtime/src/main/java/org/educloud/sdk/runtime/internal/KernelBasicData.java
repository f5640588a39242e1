package org.educloud.sdk.runtime.internal;

import java.util.Optional;

import org.educloud.appcenter.catalog.AppGrants;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.PersonRegistry;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.Caller;
import org.educloud.sdk.app.AppScopes;
import org.educloud.sdk.basedata.BasicData;
import org.educloud.sdk.basedata.BasicDataView;
import org.educloud.sdk.user.CurrentUser;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The SDK's base data for one app (one instance per app bundle): the kernel's base data services
 * called as the app, limited to the orgs that granted it {@link AppScopes#BASEDATA_READ}.
 * Grants are read at each {@code as...} call, so an install or uninstall counts at once.
 */
@Component(service = BasicData.class, scope = ServiceScope.BUNDLE)
public final class KernelBasicData implements BasicData {

    private final String appId;
    private final AppGrants grants;
    private final BasicDataSources sources;

    @Activate
    public KernelBasicData(ComponentContext context, @Reference(name = "grants") AppGrants grants,
            @Reference(name = "orgs") OrgDirectory orgs, @Reference(name = "people") PersonRegistry people,
            @Reference(name = "roster") ClassRoster roster, @Reference(name = "accounts") AccountDirectory accounts) {
        this(AppBundle.appIdOf(context.getUsingBundle()), grants, new BasicDataSources(orgs, people, roster, accounts));
    }

    KernelBasicData(String appId, AppGrants grants, BasicDataSources sources) {
        this.appId = appId;
        this.grants = grants;
        this.sources = sources;
    }

    @Override
    public BasicDataView asUser(CurrentUser user) {
        Caller person = CallerUser.callerOf(user);
        GrantedCaller app = app();
        Optional<String> personId = person.username().flatMap(sources.accounts()::find).flatMap(account -> account.personId());
        return new BasicDataReader(sources, app, new NarrowedCaller(person, app), personId);
    }

    @Override
    public BasicDataView asApp() {
        GrantedCaller app = app();
        return new BasicDataReader(sources, app, app, Optional.empty());
    }

    private GrantedCaller app() {
        return new GrantedCaller(appId, grants.grants(appId), AppScopes.BASEDATA_READ, KernelBasicData::readsBasicData);
    }

    /** Reading base data, never whole ID numbers and never writing. */
    static boolean readsBasicData(String permission) {
        return permission.startsWith("basedata:") && permission.endsWith(":read") && !permission.equals("basedata:idnumbers:read");
    }
}
