package org.educloud.kernel.itests;

import java.util.List;

import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;
import org.educloud.identity.Caller;
import org.educloud.testkit.OperatorCaller;

/** The tests themselves acting on the basic data with every permission, and the orgs they make that way. */
final class RegionWide {

    static final Caller CALLER = new OperatorCaller("itest");

    private RegionWide() {
    }

    /**
     * A province, city, district and its schools, named in {@code names} (province, city, district,
     * then the schools, whose codes follow {@code firstSchoolCode}); once per suite (when the first
     * school exists already, nothing is made).
     */
    static void schools(OrgDirectory orgs, String provinceCode, String cityCode, String districtCode, List<String> schoolCodes,
            List<String> names) {
        if (orgs.findByCode(CALLER, schoolCodes.get(0)).isPresent()) {
            return;
        }
        Org province = orgs.create(CALLER, org(OrgKind.PROVINCE, provinceCode, names.get(0), null));
        Org city = orgs.create(CALLER, org(OrgKind.CITY, cityCode, names.get(1), province.sourcedId()));
        Org district = orgs.create(CALLER, org(OrgKind.DISTRICT, districtCode, names.get(2), city.sourcedId()));
        for (int i = 0; i < schoolCodes.size(); i++) {
            orgs.create(CALLER, org(OrgKind.SCHOOL, schoolCodes.get(i), names.get(3 + i), district.sourcedId()));
        }
    }

    private static Org org(OrgKind kind, String code, String name, String parentId) {
        boolean school = kind == OrgKind.SCHOOL;
        return new Org(null, kind, code, name, parentId, null, school ? "primary" : null, school ? "public" : null,
                school ? "urban" : null, 0, null, null);
    }
}
