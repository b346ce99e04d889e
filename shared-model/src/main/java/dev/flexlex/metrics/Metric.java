package dev.flexlex.metrics;

/**
 * The suite's CloudWatch metrics (namespace {@value BridgeMetrics#DEFAULT_NAMESPACE}): name and unit, as agreed in
 * the README's metric catalogue. The alarms and the dashboard in template.yaml refer to these names.
 */
public enum Metric {
    /** process-bot-turn: one per customer message answered (its reply published). */
    TURNS("Turns", Unit.COUNT),
    /** outbound-chat-handler: customer message received by the webhook to the reply posted in the chat. */
    REPLY_LATENCY("ReplyLatency", Unit.MILLISECONDS),
    /** process-bot-turn: a turn Lex answered with its {@code FallbackIntent}. */
    UNRECOGNISED_MESSAGES("UnrecognisedMessages", Unit.COUNT),
    /** process-bot-turn: a turn that hands the chat to an agent; dimension {@code Reason} ({@link HandoffReason}). */
    HANDOFFS("Handoffs", Unit.COUNT),
    /** outbound-chat-handler: a handoff that could not complete (the chat went back to the bot). */
    HANDOFF_FAILURES("HandoffFailures", Unit.COUNT),
    /** outbound-chat-handler: a chat the bot closed. */
    CHATS_CLOSED("ChatsClosed", Unit.COUNT),
    /** process-bot-turn: a Lex call throttled (HTTP 429 or a throttling error code), each attempt. */
    LEX_THROTTLES("LexThrottles", Unit.COUNT),
    /** process-bot-turn: any other failed Lex call (5xx, network, call timeout, a request Lex rejects), each attempt. */
    LEX_ERRORS("LexErrors", Unit.COUNT),
    /** outbound-chat-handler: a Twilio call that failed; dimension {@code Status} (HTTP status, or {@code none}). */
    TWILIO_ERRORS("TwilioErrors", Unit.COUNT),
    /** outbound-chat-handler: a reply posted as more than one chat message (Lex answered with several messages). */
    REPLIES_SPLIT("RepliesSplit", Unit.COUNT),
    /** process-bot-turn: a turn that failed and goes back to the inbound queue (SQS redelivers it). */
    TURNS_RETURNED_TO_QUEUE("TurnsReturnedToQueue", Unit.COUNT);

    /** The CloudWatch units used here (names as in CloudWatch's MetricDatum). */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String metricName;
    private final Unit unit;

    Metric(String metricName, Unit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** The metric's name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }
}
