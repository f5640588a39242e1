package org.educloud.sample.notices;

import java.time.Instant;

/**
 * A notice on the board.
 *
 * @param id         its id
 * @param schoolPath the school it is posted at
 * @param classId    the class it is for; null for the whole school
 * @param classTitle that class's title, e.g. 2017级02班; null for the whole school
 * @param title      its title
 * @param body       its text
 * @param author     who posted it (username)
 * @param authorName their name
 * @param postedAt   when
 * @param read       whether the reader asking has read it
 */
public record Notice(long id, String schoolPath, String classId, String classTitle, String title, String body, String author,
        String authorName, Instant postedAt, boolean read) {
}
