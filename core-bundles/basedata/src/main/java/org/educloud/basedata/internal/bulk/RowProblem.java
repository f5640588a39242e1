package org.educloud.basedata.internal.bulk;

/** A row that cannot be imported: which field is at fault (or empty) and why, said so the uploader can fix it. */
public final class RowProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public RowProblem(String field, String reason) {
        super(reason);
        this.field = field == null ? "" : field;
    }

    public String field() {
        return field;
    }
}
