package org.educloud.sdk.event;

/**
 * EventAdmin topics of changes to the region's base data, and the properties each carries:
 * {@code org/educloud/basedata/<entity>/<CREATED|UPDATED|DELETED>}, where the entity is
 * {@code org}, {@code student}, {@code teacher}, {@code guardian}, {@code staff},
 * {@code guardianRelation}, {@code academicSession}, {@code course}, {@code class} or
 * {@code enrollment}. Events are posted for committed changes only, in the order of the kernel's
 * change feed, about a second after the change. They say what changed, never the data: read it
 * through {@link org.educloud.sdk.basedata.BasicData}, which shows only what the app was granted.
 * Events come for every org; filter on {@link #ORG_PATH}.
 */
public final class BasicDataTopics {

    /** Every base data change. */
    public static final String ALL = "org/educloud/basedata/*";
    /** Every change of students, e.g. to react to a student changing class. */
    public static final String STUDENTS = "org/educloud/basedata/student/*";
    /** Every change of enrollments (who is in which class). */
    public static final String ENROLLMENTS = "org/educloud/basedata/enrollment/*";

    /** Property: what sort of row changed, e.g. {@code student}. */
    public static final String ENTITY = "entity";
    /** Property: the row's id (its sourced id, as {@link org.educloud.sdk.basedata.Person#id()} and the like). */
    public static final String SOURCED_ID = "sourcedId";
    /** Property: {@code create}, {@code update} or {@code delete}. */
    public static final String OPERATION = "operation";
    /** Property: the row's version after the change (an Integer). */
    public static final String VERSION = "version";
    /** Property: the path of the org the row belongs to. */
    public static final String ORG_PATH = "orgPath";
    /** Property: the change feed's cursor of the change (a Long, increasing). */
    public static final String CURSOR = "cursor";

    private BasicDataTopics() {
    }
}
