package dev.flexlex.localflex.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Resources of one kind, kept as their Twilio JSON representation in creation order. Not thread-safe on
 * its own: every access happens under the state lock of {@link TwilioApiHandler}.
 */
public final class Table {
    private final Map<String, ObjectNode> rows = new LinkedHashMap<>();

    public ObjectNode put(ObjectNode row) {
        rows.put(row.get("sid").asText(), row);
        return row;
    }

    /** The row, or 20404 naming the requested path. */
    public ObjectNode get(String sid, ApiRequest request) {
        ObjectNode row = rows.get(sid);
        if (row == null) {
            throw ApiException.notFound(request.path());
        }
        return row;
    }

    /** The row only if it belongs to the given parent (field {@code parentField} equals {@code parentSid}). */
    public ObjectNode get(String sid, String parentField, String parentSid, ApiRequest request) {
        ObjectNode row = get(sid, request);
        if (!parentSid.equals(row.path(parentField).asText())) {
            throw ApiException.notFound(request.path());
        }
        return row;
    }

    public ObjectNode find(String sid) {
        return rows.get(sid);
    }

    public ObjectNode remove(String sid) {
        return rows.remove(sid);
    }

    public List<ObjectNode> where(Predicate<ObjectNode> filter) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode row : rows.values()) {
            if (filter.test(row)) {
                out.add(row);
            }
        }
        return out;
    }

    public List<ObjectNode> children(String parentField, String parentSid) {
        return where(row -> parentSid.equals(row.path(parentField).asText()));
    }

    public void removeChildren(String parentField, String parentSid) {
        rows.values().removeIf(row -> parentSid.equals(row.path(parentField).asText()));
    }
}
