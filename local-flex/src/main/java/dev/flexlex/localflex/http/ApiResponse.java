package dev.flexlex.localflex.http;

import com.fasterxml.jackson.databind.JsonNode;

/** What an endpoint answers: a status and a JSON body (none for 204). */
public record ApiResponse(int status, JsonNode body) {
    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body.deepCopy());
    }

    public static ApiResponse created(JsonNode body) {
        return new ApiResponse(201, body.deepCopy());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }
}
