package org.educloud.basedata;

/** What sort of org: the administrative levels, a school, a department of one, or a vendor. */
public enum OrgKind {
    /** A province (two-digit administrative division code, e.g. 37). */
    PROVINCE,
    /** A prefecture-level city (four digits, e.g. 3701). */
    CITY,
    /** A county-level district or county (six digits, e.g. 370102). */
    DISTRICT,
    /** A school, by its 10-digit school code. */
    SCHOOL,
    /** A department of a school or an education bureau. */
    DEPARTMENT,
    /** A third-party vendor. */
    VENDOR;

    /** The lower-case name used in JSON and the shell. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a label, case-insensitively. */
    public static OrgKind of(String label) {
        for (OrgKind kind : values()) {
            if (kind.name().equalsIgnoreCase(label)) {
                return kind;
            }
        }
        throw new BasedataProblem(BasedataProblem.Kind.INVALID, "kind", "kind '" + label
                + "' is not an org kind: use province, city, district, school, department or vendor");
    }
}
