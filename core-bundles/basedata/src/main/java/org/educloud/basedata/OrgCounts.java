package org.educloud.basedata;

/**
 * What an org's subtree holds, as the statistics screens count it.
 *
 * @param org            the org
 * @param schools        schools
 * @param publicSchools  public schools
 * @param privateSchools private schools
 * @param classes        classes
 * @param students       students
 * @param femaleStudents female students
 * @param teachers       teachers
 */
public record OrgCounts(Org org, long schools, long publicSchools, long privateSchools, long classes, long students,
        long femaleStudents, long teachers) {
}
