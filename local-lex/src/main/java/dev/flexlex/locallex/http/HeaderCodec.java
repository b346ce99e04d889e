package dev.flexlex.locallex.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.locallex.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * The encoding Lex V2 uses for JSON members bound to headers ({@code x-amz-lex-session-state},
 * {@code x-amz-lex-messages}, {@code x-amz-lex-request-attributes}, …): the JSON text, gzipped, then
 * standard base64.
 */
final class HeaderCodec {

    private HeaderCodec() {
    }

    static String encode(JsonNode value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            Json.MAPPER.writeValue(gzip, value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot gzip a header value", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
