package org.educloud.sample.notices;

/**
 * A notice on the board.
 *
 * @param id         its id
 * @param schoolPath the school it is posted at
 * @param classId    the class it is for; null for the whole school
 * @param classTitle that class's title, e.g. 2017级02班; null for the whole school
 * @param title      its title
 * @param body       its text
 * @param author     who posted it (their account id, {@link org.educloud.sdk.user.CurrentUser#id()})
 * @param authorName their name
 * @param postedAt   when, as an ISO-8601 instant (JSON has no time type, and the kernel's JSON
 *                   provider writes no {@code java.time} types)
 * @param read       whether the reader asking has read it
 */
public record Notice(long id, String schoolPath, String classId, String classTitle, String title, String body, String author,
        String authorName, String postedAt, boolean read) {
}
