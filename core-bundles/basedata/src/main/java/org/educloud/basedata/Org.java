package org.educloud.basedata;

import java.time.Instant;

import org.educloud.identity.OrgPath;

/**
 * An org. On create, {@code path}, {@code version} and the timestamps are ignored (the kernel sets them).
 *
 * @param sourcedId the stable id; generated when empty on create
 * @param kind      what sort of org
 * @param code      its code, unique in the region and the last segment of its path: the administrative
 *                  division code, the 10-digit school code, or a department's or vendor's own code
 * @param name      its name, e.g. 济南市历下区第一实验小学
 * @param parentId  the parent org's sourced id; null for a province or a region-wide vendor
 * @param path      the codes from the top down
 * @param stage     a school's stage: preschool, primary, junior, senior, nine-year, twelve-year, complete, vocational, special
 * @param ownership a school's ownership: public or private
 * @param locale    a school's setting: urban, town or rural
 * @param version   incremented by every update
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Org(String sourcedId, OrgKind kind, String code, String name, String parentId, OrgPath path, String stage,
        String ownership, String locale, int version, Instant createdAt, Instant updatedAt) {
}
