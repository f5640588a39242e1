package org.educloud.basedata;

import org.educloud.identity.Caller;

/**
 * Every create, update and delete of basic data, in commit order. A subscriber keeps the last
 * cursor it saw and asks for what came after it; no committed change is ever skipped. Each entry is
 * shown only to callers who may read its row ({@code basedata:orgs:read}, {@code basedata:students:read}, ...).
 */
public interface ChangeFeed {

    /**
     * Changes after {@code cursor} (0 for the beginning), at most {@code limit} (1-500). The page's
     * {@code next} is always present: the cursor to ask with next time.
     */
    Page<Change> since(Caller caller, long cursor, int limit);
}
