package org.educloud.basedata.internal.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads request bodies field by field, so every mistake is reported with the field it is in and
 * what would be right (Jackson's own binding errors name Java types, which mean nothing to a caller).
 */
final class JsonBody {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode node;
    private final String prefix;

    private JsonBody(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The body as a JSON object whose fields are all among {@code allowed}. */
    static JsonBody parse(String body, Set<String> allowed) {
        if (body == null || body.isBlank()) {
            throw new BasedataProblem(Kind.INVALID, "", "the request has no body: send the row as a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BasedataProblem(Kind.INVALID, "", "the body is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        return new JsonBody(node, "").only(allowed);
    }

    private JsonBody only(Set<String> allowed) {
        if (!node.isObject()) {
            throw new BasedataProblem(Kind.INVALID, prefix, (prefix.isEmpty() ? "the body" : prefix) + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new BasedataProblem(Kind.INVALID, prefix + name, "unknown field '" + prefix + name + "'; the fields are "
                        + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    /** The nested object {@code field}, or null when absent or null. */
    JsonBody object(String field, Set<String> allowed) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return new JsonBody(value, prefix + field + ".").only(allowed);
    }

    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BasedataProblem(Kind.INVALID, prefix + field, prefix + field + " must be a string");
        }
        return value.asText();
    }

    boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new BasedataProblem(Kind.INVALID, prefix + field, prefix + field + " must be true or false");
        }
        return value.asBoolean();
    }

    Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw new BasedataProblem(Kind.INVALID, prefix + field, prefix + field + " must be a whole number");
        }
        return value.asInt();
    }

    LocalDate date(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BasedataProblem(Kind.INVALID, prefix + field, prefix + field + " '" + text
                    + "' is not a date: write it as yyyy-mm-dd, e.g. 2016-09-01");
        }
    }
}
