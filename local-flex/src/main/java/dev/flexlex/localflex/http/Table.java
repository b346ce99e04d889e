package dev.flexlex.localflex.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Resources of one kind, kept as their Twilio JSON representation in creation order. A table of sub-resources
 * names its parent field (e.g. {@code conversation_sid}) and keeps the rows of each parent together, so listing a
 * chat's messages or finding a participant reads that chat's rows only, not every row ever created. Not
 * thread-safe on its own: every access happens under the state lock of {@link TwilioApiHandler}.
 */
public final class Table {
    private final Map<String, ObjectNode> rows = new LinkedHashMap<>();
    private final String parentField;
    private final Map<String, Map<String, ObjectNode>> byParent = new HashMap<>();

    /** A table of top-level resources. */
    public Table() {
        this(null);
    }

    /** A table of sub-resources whose {@code parentField} names their parent and never changes. */
    public Table(String parentField) {
        this.parentField = parentField;
    }

    public ObjectNode put(ObjectNode row) {
        String sid = row.get("sid").asText();
        ObjectNode previous = rows.put(sid, row);
        if (parentField != null) {
            if (previous != null) {
                unindex(sid, previous);
            }
            byParent.computeIfAbsent(row.path(parentField).asText(), p -> new LinkedHashMap<>()).put(sid, row);
        }
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

    /** In a table of sub-resources: the row only if it belongs to {@code parentSid}, or 20404. */
    public ObjectNode getChild(String sid, String parentSid, ApiRequest request) {
        return get(sid, parentField, parentSid, request);
    }

    public ObjectNode find(String sid) {
        return rows.get(sid);
    }

    /** The oldest row whose {@code field} is {@code value} (e.g. a unique name), or null. */
    public ObjectNode findBy(String field, String value) {
        for (ObjectNode row : rows.values()) {
            if (value.equals(row.path(field).asText(null))) {
                return row;
            }
        }
        return null;
    }

    public ObjectNode remove(String sid) {
        ObjectNode row = rows.remove(sid);
        if (row != null && parentField != null) {
            unindex(sid, row);
        }
        return row;
    }

    public List<ObjectNode> where(Predicate<ObjectNode> filter) {
        return select(rows.values(), filter);
    }

    /** In a table of sub-resources: the rows of {@code parentSid}, in creation order. */
    public List<ObjectNode> childrenOf(String parentSid) {
        return children(parentField, parentSid);
    }

    /** The rows whose {@code field} is {@code parentSid}, in creation order. */
    public List<ObjectNode> children(String field, String parentSid) {
        return children(field, parentSid, row -> true);
    }

    /** The rows whose {@code field} is {@code parentSid} and that pass {@code filter}, in creation order. */
    public List<ObjectNode> children(String field, String parentSid, Predicate<ObjectNode> filter) {
        if (field.equals(parentField)) {
            return select(byParent.getOrDefault(parentSid, Map.of()).values(), filter);
        }
        return where(row -> parentSid.equals(row.path(field).asText()) && filter.test(row));
    }

    public void removeChildren(String field, String parentSid) {
        children(field, parentSid).forEach(row -> remove(row.get("sid").asText()));
    }

    private void unindex(String sid, ObjectNode row) {
        String parent = row.path(parentField).asText();
        Map<String, ObjectNode> siblings = byParent.get(parent);
        if (siblings != null) {
            siblings.remove(sid);
            if (siblings.isEmpty()) {
                byParent.remove(parent);
            }
        }
    }

    private static List<ObjectNode> select(Iterable<ObjectNode> candidates, Predicate<ObjectNode> filter) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode row : candidates) {
            if (filter.test(row)) {
                out.add(row);
            }
        }
        return out;
    }
}
