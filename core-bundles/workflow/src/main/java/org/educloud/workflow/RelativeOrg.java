package org.educloud.workflow;

import java.util.List;
import java.util.Optional;

import org.educloud.identity.OrgPath;

/**
 * An org named by where it sits relative to a case, resolved when the case starts. The region's
 * tree is province / city / district / school (see {@link OrgPath}), so the student's district is
 * the first three ids of the school's path.
 */
public enum RelativeOrg {

    /** The school the student attends now (the transfer-out school, 转出学校). */
    SCHOOL(false, 4),
    /** The education bureau of the student's district (转出地教育行政部门). */
    DISTRICT(false, 3),
    /** The city of the student's school. */
    CITY(false, 2),
    /** The province of the student's school. */
    PROVINCE(false, 1),
    /** The school the student moves to (the transfer-in school, 转入学校). */
    DESTINATION_SCHOOL(true, 4),
    /** The education bureau of the destination district (转入地教育行政部门). */
    DESTINATION_DISTRICT(true, 3),
    /** The city of the destination school. */
    DESTINATION_CITY(true, 2),
    /** The province of the destination school. */
    DESTINATION_PROVINCE(true, 1);

    private final boolean destination;
    private final int depth;

    RelativeOrg(boolean destination, int depth) {
        this.destination = destination;
        this.depth = depth;
    }

    /** True when this org is on the destination side (and a case needs a destination school). */
    public boolean onDestinationSide() {
        return destination;
    }

    /**
     * The org for a case of a student at {@code school} moving to {@code destination}.
     *
     * @throws IllegalArgumentException when the school path is shallower than this org's level, or when
     *         this org is on the destination side and there is no destination
     */
    public OrgPath resolve(OrgPath school, Optional<OrgPath> destination) {
        OrgPath base = this.destination ? destination.orElseThrow(() -> new IllegalArgumentException(
                "the step is for the " + label() + " but the case has no destination school: give the destination")) : school;
        List<String> segments = base.segments();
        if (segments.size() < depth) {
            throw new IllegalArgumentException("the " + label() + " cannot be found from " + base + ": give a school's full path, "
                    + "province/city/district/school, e.g. /37/3701/370102/3701020001");
        }
        return OrgPath.of("/" + String.join("/", segments.subList(0, depth)));
    }

    /** How people read it, e.g. "destination district". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
