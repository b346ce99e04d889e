package dev.flexlex.localflex.http;

/** A Twilio API error: HTTP status plus Twilio's error code, rendered as Twilio's error body. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final int code;

    public ApiException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public static ApiException notFound(String path) {
        return new ApiException(404, 20404, "The requested resource " + path + " was not found");
    }

    public static ApiException missing(String param) {
        return new ApiException(400, 20001, "Missing required parameter " + param + " in the post body");
    }

    public static ApiException invalid(String param, String why) {
        return new ApiException(400, 20001, "Invalid " + param + ": " + why);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, 20409, message);
    }
}
