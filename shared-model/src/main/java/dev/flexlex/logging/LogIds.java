package dev.flexlex.logging;

/** The MDC keys every handler sets, so each log line carries the ids to follow one message end to end. */
public final class LogIds {
    public static final String REQUEST_ID = "requestId";
    public static final String CHAT_SID = "chatSid";
    public static final String MESSAGE_SID = "messageSid";
    public static final String SQS_MESSAGE_ID = "sqsMessageId";
    public static final String BOT_NAME = "botName";

    private LogIds() {
    }
}
