package org.educloud.basedata.internal.bulk;

import java.time.Instant;

/**
 * An import's state as the job status shows it.
 *
 * @param id          the job's id (in its URL)
 * @param state       queued, running, done or failed
 * @param format      oneroster or platform
 * @param fileName    the upload's name
 * @param percent     how far it has read, 0-100
 * @param currentFile the CSV being read
 * @param rowsRead    rows read so far
 * @param created     rows created
 * @param updated     rows updated
 * @param unchanged   rows already as the file has them
 * @param deleted     rows deleted (OneRoster rows with status tobedeleted)
 * @param rejected    rows rejected (each in the report)
 * @param message     why it failed, or a summary when done
 * @param createdAt   when it was submitted
 * @param finishedAt  when it ended; null while it runs
 */
public record ImportJob(String id, String state, String format, String fileName, int percent, String currentFile, long rowsRead,
        long created, long updated, long unchanged, long deleted, long rejected, String message, Instant createdAt, Instant finishedAt) {

    /** Rows now in the database as the file has them. */
    public long rowsCommitted() {
        return created + updated + unchanged + deleted;
    }
}
