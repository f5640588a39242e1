package org.educloud.sdk.basedata;

/**
 * A person as apps see them: no ID number, no contact details.
 *
 * @param id         the person's id (the sourced id in the base data)
 * @param role       {@code student}, {@code teacher}, {@code guardian} or {@code staff}
 * @param orgPath    the path of their org (a student's or teacher's school)
 * @param familyName 姓
 * @param givenName  名
 * @param gender     {@code male}, {@code female} or {@code unspecified}
 */
public record Person(String id, String role, String orgPath, String familyName, String givenName, String gender) {

    /** The name as Chinese readers write it: family name, then given name, no space. */
    public String name() {
        return familyName + givenName;
    }
}
