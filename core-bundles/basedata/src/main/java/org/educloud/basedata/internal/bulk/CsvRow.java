package org.educloud.basedata.internal.bulk;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/** One CSV record read by column name, each value checked; a bad value is a {@link RowProblem} naming its column. */
public final class CsvRow {

    private final CSVRecord record;
    private final Map<String, Integer> header;
    private final long line;

    CsvRow(CSVRecord record, Map<String, Integer> header, long line) {
        this.record = record;
        this.header = header;
        this.line = line;
    }

    /** The line the record ends on (its own line, as an editor numbers it, for the usual one-line record). */
    long line() {
        return line;
    }

    /** The value, stripped; null when the column is missing or the value empty. */
    public String text(String column) {
        Integer index = header.get(column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    public String required(String column) {
        String value = text(column);
        if (value == null) {
            throw new RowProblem(column, column + " is empty; it is required");
        }
        return value;
    }

    public LocalDate date(String column) {
        String value = text(column);
        try {
            return value == null ? null : isoDate(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new RowProblem(column, column + " '" + value + "' is not a date: write YYYY-MM-DD, e.g. 2024-09-01");
        }
    }

    /** YYYY-MM-DD, read digit by digit when it has that shape (LocalDate.parse costs a parser's objects per date). */
    private static LocalDate isoDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = 0;
            int month = 0;
            int day = 0;
            boolean digits = true;
            for (int i = 0; i < 10 && digits; i++) {
                char c = text.charAt(i);
                if (i == 4 || i == 7) {
                    continue;
                }
                digits = c >= '0' && c <= '9';
                if (i < 4) {
                    year = year * 10 + c - '0';
                } else if (i < 7) {
                    month = month * 10 + c - '0';
                } else {
                    day = day * 10 + c - '0';
                }
            }
            if (digits) {
                try {
                    return LocalDate.of(year, month, day);
                } catch (java.time.DateTimeException e) {
                    throw new DateTimeParseException(e.getMessage(), text, 0);
                }
            }
        }
        return LocalDate.parse(text);
    }

    public Integer integer(String column) {
        String value = text(column);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new RowProblem(column, column + " '" + value + "' is not a whole number");
        }
    }

    /** true/false (also 1/0, yes/no, 是/否); false when empty. */
    public boolean flag(String column) {
        String value = text(column);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y", "是" -> true;
            case "false", "0", "no", "n", "否" -> false;
            default -> throw new RowProblem(column, column + " '" + value + "' is neither true nor false");
        };
    }

    /** A comma-separated list (OneRoster's multi-value fields); empty when the value is. */
    public List<String> list(String column) {
        String value = text(column);
        return value == null ? List.of() : java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The first of a list, or null. */
    public String first(String column) {
        List<String> values = list(column);
        return values.isEmpty() ? null : values.get(0);
    }

    /** How many values the record has. */
    int size() {
        return record.size();
    }

    /** How many columns the header names. */
    int headerSize() {
        return header.size();
    }
}
