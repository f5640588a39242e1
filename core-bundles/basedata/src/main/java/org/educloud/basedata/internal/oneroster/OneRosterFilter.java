package org.educloud.basedata.internal.oneroster;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code filter} query parameter of OneRoster 1.2: {@code field predicate 'value'}, or two such
 * predicates joined by one logical operator, e.g. {@code familyName='王' AND dateLastModified>'2024-01-01T00:00:00Z'}.
 * Predicates are {@code = != > >= < <= ~} ({@code ~} means "contains"); values are in single quotes;
 * {@code AND} and {@code OR} are upper case and surrounded by spaces, as the spec writes them.
 *
 * <p>Parsing knows nothing of the fields a collection has; {@link RosterCollection} checks them.
 */
public record OneRosterFilter(List<Predicate> predicates, Logic logic) {

    /** How two predicates combine; {@link #NONE} for a single predicate. */
    public enum Logic {
        NONE, AND, OR
    }

    /** A comparison operator of the filter grammar. */
    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<="), CONTAINS("~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** One {@code field op 'value'}. */
    public record Predicate(String field, Operator operator, String value) {
    }

    /** A filter that is not in the spec's grammar; the message says where and what was expected. */
    public static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    public OneRosterFilter {
        predicates = List.copyOf(predicates);
    }

    /**
     * Parses a filter.
     *
     * @throws Malformed when it is not {@code field op 'value'} or two of them joined by AND or OR
     */
    public static OneRosterFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Malformed("the filter is empty: write field<op>'value', e.g. filter=status='active'");
        }
        Cursor cursor = new Cursor(text);
        List<Predicate> predicates = new ArrayList<>();
        predicates.add(cursor.predicate());
        Logic logic = Logic.NONE;
        cursor.skipSpaces();
        if (!cursor.atEnd()) {
            logic = cursor.logic();
            predicates.add(cursor.predicate());
            cursor.skipSpaces();
            if (!cursor.atEnd()) {
                throw new Malformed("the filter goes on after its second predicate at position " + (cursor.position + 1)
                        + " ('" + cursor.rest() + "'): OneRoster allows one AND or OR joining two predicates");
            }
        }
        return new OneRosterFilter(predicates, logic);
    }

    /** Reads the filter from left to right. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        Predicate predicate() {
            skipSpaces();
            int start = position;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_')) {
                position++;
            }
            String field = text.substring(start, position);
            if (field.isEmpty()) {
                throw new Malformed("expected a field name at position " + (start + 1) + " of the filter"
                        + (atEnd() ? " but it ended" : ", found '" + rest() + "'") + ": write field<op>'value', e.g. familyName='王'");
            }
            skipSpaces();
            Operator operator = operator(field);
            skipSpaces();
            if (atEnd() || peek() != '\'') {
                throw new Malformed("the value for " + field + " must be in single quotes, e.g. " + field + operator.symbol()
                        + "'value'" + (atEnd() ? "; the filter ended" : "; found '" + rest() + "'"));
            }
            int close = text.indexOf('\'', position + 1);
            if (close < 0) {
                throw new Malformed("the value for " + field + " opens a quote at position " + (position + 1)
                        + " that is never closed: add the closing '");
            }
            String value = text.substring(position + 1, close);
            position = close + 1;
            return new Predicate(field, operator, value);
        }

        private Operator operator(String field) {
            String two = text.substring(position, Math.min(text.length(), position + 2));
            for (Operator candidate : List.of(Operator.NOT_EQUAL, Operator.GREATER_OR_EQUAL, Operator.LESS_OR_EQUAL)) {
                if (two.equals(candidate.symbol())) {
                    position += 2;
                    return candidate;
                }
            }
            if (!atEnd()) {
                for (Operator candidate : Operator.values()) {
                    if (candidate.symbol().length() == 1 && candidate.symbol().charAt(0) == peek()) {
                        position++;
                        return candidate;
                    }
                }
            }
            throw new Malformed("expected a predicate (= != > >= < <= ~) after " + field
                    + (atEnd() ? " but the filter ended" : ", found '" + rest() + "'"));
        }

        Logic logic() {
            int start = position;
            while (!atEnd() && Character.isLetter(peek())) {
                position++;
            }
            String word = text.substring(start, position);
            boolean spaced = start > 0 && text.charAt(start - 1) == ' ' && !atEnd() && peek() == ' ';
            if ((word.equals("AND") || word.equals("OR")) && spaced) {
                return Logic.valueOf(word);
            }
            throw new Malformed("expected ' AND ' or ' OR ' between two predicates at position " + (start + 1) + ", found '"
                    + text.substring(start) + "'");
        }

        void skipSpaces() {
            while (!atEnd() && peek() == ' ') {
                position++;
            }
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return text.charAt(position);
        }

        String rest() {
            String rest = text.substring(position);
            return rest.length() > 40 ? rest.substring(0, 40) + "…" : rest;
        }
    }
}
