package org.educloud.sdk.basedata;

/**
 * A class of a school.
 *
 * @param id        the class's id (the sourced id in the base data)
 * @param schoolId  its school's id
 * @param orgPath   its school's path
 * @param title     e.g. 2017级02班
 * @param gradeCode the grade level, e.g. 11 for 高二; may be empty
 * @param entryYear the year its students entered; 0 when not known
 */
public record SchoolClass(String id, String schoolId, String orgPath, String title, String gradeCode, int entryYear) {
}
