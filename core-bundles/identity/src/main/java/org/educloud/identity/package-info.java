/**
 * The region's identity: accounts, the roles they hold at orgs, and how to check them. A role
 * granted at an org covers that org's whole subtree ({@link org.educloud.identity.OrgPath}), so a
 * district officer's grant covers the district's schools and nothing else.
 */
@Version("1.4.0")
@Export
package org.educloud.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
