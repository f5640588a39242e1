package org.educloud.basedata.internal.bulk;

/** The counts of an import run: rows read, created, updated, deleted, left unchanged and rejected, and the file being read. */
public final class ImportTally {

    private long read;
    private long created;
    private long updated;
    private long unchanged;
    private long deleted;
    private long rejected;
    private String file = "";

    void reading(String file) {
        this.file = file;
    }

    void read() {
        read++;
    }

    void outcome(RosterCsvImport.Outcome outcome) {
        switch (outcome) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
            case DELETED -> deleted++;
            case STAGED -> { } // read, and counted with the rows it describes
        }
    }

    void rejected() {
        rejected++;
    }

    public long rowsRead() {
        return read;
    }

    /** Rows now in the database as the file has them: created, updated, deleted or already so. */
    public long rowsCommitted() {
        return created + updated + unchanged + deleted;
    }

    public long deleted() {
        return deleted;
    }

    public long created() {
        return created;
    }

    public long updated() {
        return updated;
    }

    public long unchanged() {
        return unchanged;
    }

    public long rowsRejected() {
        return rejected;
    }

    public String file() {
        return file;
    }
}
