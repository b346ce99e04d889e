package dev.flexlex.locallex.runtime;

/**
 * The runtime model's error shapes this server answers with: the name goes into the {@code x-amzn-ErrorType}
 * header, which the AWS SDKs map to their exception classes, and the status is the model's
 * {@code httpStatusCode}.
 */
public enum LexErrorType {
    VALIDATION("ValidationException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    /** Not in the runtime model; the API reference's text names it for GetSession (see {@link UnknownSessionError}). */
    BAD_REQUEST("BadRequestException", 400),
    CONFLICT("ConflictException", 409),
    THROTTLING("ThrottlingException", 429),
    INTERNAL_SERVER("InternalServerException", 500),
    /** A path or method that names no operation of the runtime model (AWS's generic answer). */
    UNKNOWN_OPERATION("UnknownOperationException", 404);

    private final String errorCode;
    private final int httpStatus;

    LexErrorType(String errorCode, int httpStatus) {
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
