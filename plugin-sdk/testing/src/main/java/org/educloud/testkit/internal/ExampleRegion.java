package org.educloud.testkit.internal;

import java.util.List;
import java.util.Optional;

import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;
import org.educloud.identity.Caller;
import org.educloud.testkit.OperatorCaller;
import org.educloud.testkit.School;

/**
 * The kit's example region in the basic data: 示例省 (99) > 示例市 (9901) > 示例区 (990101) with two
 * primary schools. Its codes are outside China's real division codes, so it never meets real data.
 */
final class ExampleRegion {

    static final School SCHOOL = new School("/99/9901/990101/9901010001", "9901010001", "示例区第一小学");
    static final School OTHER_SCHOOL = new School("/99/9901/990101/9901010002", "9901010002", "示例区第二小学");

    /** The kit itself, writing the basic data as the operator would. */
    private static final Caller SEEDER = new OperatorCaller(SeededTestKit.ACTOR);

    private final OrgDirectory orgs;

    ExampleRegion(OrgDirectory orgs) {
        this.orgs = orgs;
    }

    /** Makes what is missing of the region (another test of the same kernel may have made it). */
    void seed() {
        Org province = existing("99").orElseGet(() -> orgs.create(SEEDER, org(OrgKind.PROVINCE, "99", "示例省", null)));
        Org city = existing("9901").orElseGet(() -> orgs.create(SEEDER, org(OrgKind.CITY, "9901", "示例市", province.sourcedId())));
        Org district = existing("990101").orElseGet(() -> orgs.create(SEEDER,
                org(OrgKind.DISTRICT, "990101", "示例区", city.sourcedId())));
        for (School school : List.of(SCHOOL, OTHER_SCHOOL)) {
            if (existing(school.code()).isEmpty()) {
                orgs.create(SEEDER, org(OrgKind.SCHOOL, school.code(), school.name(), district.sourcedId()));
            }
        }
    }

    private Optional<Org> existing(String code) {
        return orgs.findByCode(SEEDER, code);
    }

    private static Org org(OrgKind kind, String code, String name, String parentId) {
        boolean school = kind == OrgKind.SCHOOL;
        return new Org(null, kind, code, name, parentId, null, school ? "primary" : null, school ? "public" : null,
                school ? "urban" : null, 0, null, null);
    }
}
