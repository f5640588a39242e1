package org.educloud.basedata.internal.generate;

import java.util.List;

/**
 * The figures a synthetic province is built from: Shandong's (the seed's 山东教育概况 table: 19,020
 * kindergartens with 2.77 million children and 260,000 staff; 12,706 primary and junior schools with
 * 10.38 million pupils and 720,000 staff; 993 senior and vocational schools with 2.45 million
 * students and 230,000 staff), its 16 cities, and about 140 county-level districts. The seed gives
 * no split of compulsory and upper-secondary schools by stage; the split below follows the usual
 * proportions (about three primary schools per junior school, two thirds of upper-secondary
 * students in senior high schools).
 */
final class ProvinceFigures {

    /** One stage: schools, students and staff in the whole province, the grades it spans and its class size. */
    record Stage(String stage, int schools, int students, int staff, List<String> grades, int classSize, int entryAge) {
    }

    static final String PROVINCE_CODE = "37";
    static final String PROVINCE_NAME = "山东省";
    static final int DISTRICTS = 140;

    static final List<Stage> STAGES = List.of(
            new Stage("preschool", 19_020, 2_770_000, 260_000, List.of("PK1", "PK2", "KG"), 30, 3),
            new Stage("primary", 9_700, 7_000_000, 450_000, List.of("01", "02", "03", "04", "05", "06"), 45, 6),
            new Stage("junior", 3_006, 3_380_000, 270_000, List.of("07", "08", "09"), 50, 12),
            new Stage("senior", 600, 1_700_000, 160_000, List.of("10", "11", "12"), 50, 15),
            new Stage("vocational", 393, 750_000, 70_000, List.of("V1", "V2", "V3"), 45, 15));

    /** The 16 prefecture-level cities with their division codes. */
    static final List<String[]> CITIES = List.of(
            new String[] {"3701", "济南市"}, new String[] {"3702", "青岛市"}, new String[] {"3703", "淄博市"},
            new String[] {"3704", "枣庄市"}, new String[] {"3705", "东营市"}, new String[] {"3706", "烟台市"},
            new String[] {"3707", "潍坊市"}, new String[] {"3708", "济宁市"}, new String[] {"3709", "泰安市"},
            new String[] {"3710", "威海市"}, new String[] {"3711", "日照市"}, new String[] {"3713", "临沂市"},
            new String[] {"3714", "德州市"}, new String[] {"3715", "聊城市"}, new String[] {"3716", "滨州市"},
            new String[] {"3717", "菏泽市"});

    private ProvinceFigures() {
    }
}
