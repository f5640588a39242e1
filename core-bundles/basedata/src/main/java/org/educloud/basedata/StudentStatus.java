package org.educloud.basedata;

import java.time.LocalDate;

/**
 * A student's status (学籍) and the indicator flags the statistics screens monitor.
 *
 * @param registryNumber        the national student registry number (学籍号), unique
 * @param enrollmentDate        when the student entered the school
 * @param householdRegistration where the household is registered (户口所在地)
 * @param address               the home address (家庭住址)
 * @param migrantChild          随迁子女: lives with parents who moved from elsewhere
 * @param leftBehindChild       留守儿童: parents work away from home
 * @param orphan                孤儿
 * @param disabled              残疾
 * @param specialCare           烈士子女或优抚子女: a martyr's or special-care child
 * @param financialAid          receives financial aid (资助)
 */
public record StudentStatus(String registryNumber, LocalDate enrollmentDate, String householdRegistration, String address,
        boolean migrantChild, boolean leftBehindChild, boolean orphan, boolean disabled, boolean specialCare,
        boolean financialAid) {
}
