package org.educloud.basedata;

/**
 * What an org's subtree holds, as the statistics screens count it (综合数据统计, 教育指标监测).
 *
 * @param org                the org
 * @param schools            schools
 * @param publicSchools      public schools
 * @param privateSchools     private schools
 * @param classes            classes
 * @param students           students
 * @param femaleStudents     female students
 * @param teachers           teachers
 * @param migrantChildren    students who are migrant children (随迁子女)
 * @param leftBehindChildren left-behind children (留守儿童)
 * @param orphans            orphans (孤儿)
 * @param disabledStudents   disabled students (残疾)
 * @param specialCare        martyrs' or special-care children (烈士/优抚子女)
 * @param financialAid       students receiving financial aid (资助)
 */
public record OrgCounts(Org org, long schools, long publicSchools, long privateSchools, long classes, long students,
        long femaleStudents, long teachers, long migrantChildren, long leftBehindChildren, long orphans, long disabledStudents,
        long specialCare, long financialAid) {
}
