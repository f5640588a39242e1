package org.educloud.basedata.internal.oneroster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the spec's JSON pieces: GUIDRefs ({@code {href, sourcedId, type}}) pointing into this
 * service under {@code base}, and values in the spec's formats.
 *
 * @param base   the service root, e.g. {@code http://localhost:8181/ims/oneroster/rostering/v1p2}
 * @param mapper makes the nodes
 */
public record GuidRefs(String base, ObjectMapper mapper) {

    /** A reference to a row: {@code type} is the spec's (org, academicSession, course, class, user, ...). */
    public ObjectNode ref(String type, String sourcedId) {
        ObjectNode ref = mapper.createObjectNode();
        ref.put("href", base + "/" + collectionOf(type) + "/" + sourcedId);
        ref.put("sourcedId", sourcedId);
        ref.put("type", type);
        return ref;
    }

    /** Puts a reference under {@code field}, or nothing when {@code sourcedId} is null. */
    public void putRef(ObjectNode node, String field, String type, String sourcedId) {
        if (sourcedId != null) {
            node.set(field, ref(type, sourcedId));
        }
    }

    /** An array of references from a comma-separated list of sourced ids (GROUP_CONCAT); empty when null. */
    public ArrayNode refs(String type, String commaSeparated) {
        ArrayNode array = mapper.createArrayNode();
        if (commaSeparated != null && !commaSeparated.isEmpty()) {
            for (String sourcedId : commaSeparated.split(",")) {
                array.add(ref(type, sourcedId));
            }
        }
        return array;
    }

    /** A new object with the fields every OneRoster object starts with. */
    public ObjectNode base(ResultSet row, String sourcedIdColumn, String updatedColumn) throws SQLException {
        ObjectNode node = mapper.createObjectNode();
        node.put("sourcedId", row.getString(sourcedIdColumn));
        // Rows are deleted outright here, never kept as tobedeleted, so whatever is read is active.
        node.put("status", "active");
        Timestamp updated = row.getTimestamp(updatedColumn);
        node.put("dateLastModified", updated == null ? null : DateTimeFormatter.ISO_INSTANT.format(updated.toInstant()));
        return node;
    }

    /** A string value, or nothing when it is null (the spec leaves absent optional fields out). */
    public static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String collectionOf(String type) {
        return switch (type) {
            case "class" -> "classes";
            case "demographics" -> "demographics";
            default -> type + "s";
        };
    }
}
