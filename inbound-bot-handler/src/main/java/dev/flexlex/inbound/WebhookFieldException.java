package dev.flexlex.inbound;

/** A webhook field is missing or malformed; answered with 400 naming the field. */
final class WebhookFieldException extends RuntimeException {
    private final String field;

    WebhookFieldException(String field, String problem) {
        super(problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
