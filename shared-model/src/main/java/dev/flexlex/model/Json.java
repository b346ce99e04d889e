package dev.flexlex.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one configured {@link ObjectMapper} of the suite, plus reading and writing of the versioned queue records.
 *
 * <p>Instants are written as ISO-8601 strings (a tiny serializer here instead of the jsr310 module: the records
 * need only {@link Instant}). Unknown properties are ignored so a producer may add optional fields within a
 * schema version; a different {@code schemaVersion} is rejected with {@link UnsupportedSchemaVersionException}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The text of {@code node}'s {@code field}; null when the field is missing or JSON null. */
    public static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Serializes a record (or any value) to compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads a {@link BotTurn} queue body; throws {@link MalformedRecordException} naming the problem. */
    public static BotTurn readBotTurn(String body) {
        return readRecord(body, BotTurn.class, BotTurn.SCHEMA_VERSION);
    }

    /** Reads a {@link BotReply} queue body; throws {@link MalformedRecordException} naming the problem. */
    public static BotReply readBotReply(String body) {
        return readRecord(body, BotReply.class, BotReply.SCHEMA_VERSION);
    }

    private static <T> T readRecord(String body, Class<T> type, int supportedVersion) {
        String name = type.getSimpleName();
        if (body == null || body.isBlank()) {
            throw new MalformedRecordException(name + " body is empty");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text, which may be a customer's words: name the place only.
            throw new MalformedRecordException(name + " body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedRecordException(name + " body is not a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new MalformedRecordException(name + " field 'schemaVersion' is missing or not an integer");
        }
        if (version.intValue() != supportedVersion) {
            throw new UnsupportedSchemaVersionException(name, version.intValue(), supportedVersion);
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            Throwable root = rootCause(e);
            String detail = root instanceof IllegalArgumentException ? root.getMessage()
                    : "field '" + fieldPath(e) + "' has the wrong type";
            throw new MalformedRecordException(name + " is malformed: " + detail, e);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException(name + " is malformed", e);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(name + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ObjectMapper build() {
        SimpleModule time = new SimpleModule("flexlex-instant");
        time.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        time.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return text == null ? null : Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + p.currentName() + "' is not an ISO-8601 instant");
                }
            }
        });
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(time);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }
}
