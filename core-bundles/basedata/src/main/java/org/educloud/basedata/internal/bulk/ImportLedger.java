package org.educloud.basedata.internal.bulk;

/** Where an import reports: each rejected row, and its counts as it goes. */
public interface ImportLedger {

    /** A row that was not imported. */
    void rejected(String file, long line, String field, String reason);

    /** The counts so far (called every few hundred rows and at the end of each file). */
    void progress(ImportTally tally);
}
