package org.educloud.basedata;

/** A person's role in the region; each has its own permission noun ({@link #noun()}). */
public enum PersonRole {
    STUDENT("students"), TEACHER("teachers"), GUARDIAN("guardians"), STAFF("staff");

    private final String noun;

    PersonRole(String noun) {
        this.noun = noun;
    }

    /** The noun in permissions about people of this role, e.g. {@code students} in {@code basedata:students:read}. */
    public String noun() {
        return noun;
    }

    /** The lower-case name used in JSON and the shell. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a label, case-insensitively. */
    public static PersonRole of(String label) {
        for (PersonRole role : values()) {
            if (role.name().equalsIgnoreCase(label)) {
                return role;
            }
        }
        throw new BasedataProblem(BasedataProblem.Kind.INVALID, "role", "role '" + label
                + "' is not a person's role: use student, teacher, guardian or staff");
    }
}
