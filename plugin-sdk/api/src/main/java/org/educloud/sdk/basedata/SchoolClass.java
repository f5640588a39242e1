package org.educloud.sdk.basedata;

/**
 * A class of a school.
 *
 * @param id        the class's id (the sourced id in the base data)
 * @param schoolId  its school's id
 * @param orgPath   its school's path
 * @param title     e.g. 2017级02班
 * @param code      the school's own code for it, e.g. {@code 2017-02}: also the last segment of its
 *                  path in the org tree ({@link #path()}), where people of the class hold their roles
 * @param gradeCode the grade level, e.g. 11 for 高二; may be empty
 * @param entryYear the year its students entered; 0 when not known
 */
public record SchoolClass(String id, String schoolId, String orgPath, String title, String code, String gradeCode, int entryYear) {

    /** The class's own path in the org tree: its school's path and its code, e.g. {@code /37/3701/370102/3701020001/2017-02}. */
    public String path() {
        return orgPath + "/" + code;
    }
}
