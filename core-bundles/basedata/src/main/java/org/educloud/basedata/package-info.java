/**
 * The region's basic data ("fill once, share by many"): orgs from the province down to schools,
 * departments and vendors; people (students with their status and guardians, teachers, staff);
 * classes and enrollments; and a change feed through which subscribers stay in sync.
 *
 * <p>Every read and write takes the {@link org.educloud.identity.Caller} it is done for and is
 * narrowed to the org subtrees where the caller holds the permission
 * ({@code basedata:<noun>:read|write}, e.g. {@code basedata:students:read}). National ID numbers
 * are validated ({@link org.educloud.basedata.NationalId}), stored encrypted and shown masked
 * unless the caller holds {@code basedata:idnumbers:read} and asks for them whole.
 */
@Version("1.1.0")
@Export
package org.educloud.basedata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
