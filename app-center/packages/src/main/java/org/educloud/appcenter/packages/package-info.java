/**
 * App packages and their checks: {@link org.educloud.appcenter.packages.AppPackageValidator}
 * reports each {@link org.educloud.appcenter.packages.PackageProblem} of an uploaded archive
 * before anything is stored or installed.
 */
@Version("1.0.0")
@Export
package org.educloud.appcenter.packages;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
