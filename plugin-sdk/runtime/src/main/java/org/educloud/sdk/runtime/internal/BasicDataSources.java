package org.educloud.sdk.runtime.internal;

import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.PersonRegistry;
import org.educloud.identity.AccountDirectory;

/** The kernel services an app's base data view reads from. */
record BasicDataSources(OrgDirectory orgs, PersonRegistry people, ClassRoster roster, AccountDirectory accounts) {
}
