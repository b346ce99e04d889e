package dev.flexlex.localstack.faults;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where in an invocation {@code --faults 'lambda:crash@<point>=P'} kills the handler JVM, seen from outside it: at
 * the stack's proxy in front of the service the handler calls, when the request arrives ({@code BEFORE}: it never
 * reaches the service) or once the service answered ({@code AFTER}: the service acted, the handler never learns it).
 */
public enum CrashPoint {
    /** process-bot-turn's RecognizeText arrives at the local Lex: the turn never reaches Lex. */
    BEFORE_LEX("before-lex", Service.LEX, true, "ProcessBotTurnFunction"),
    /** Lex answered RecognizeText: the Lex session moved on, the reply was not published. */
    AFTER_LEX("after-lex", Service.LEX, false, "ProcessBotTurnFunction"),
    /** process-bot-turn's SendMessage of the BotReply was answered: published, the turn not yet deleted. */
    AFTER_PUBLISH("after-publish", Service.SQS, false, "ProcessBotTurnFunction"),
    /** inbound-bot-handler's SendMessage of the BotTurn was answered: enqueued, Twilio not yet answered. */
    AFTER_ENQUEUE("after-enqueue", Service.SQS, false, "InboundBotHandlerFunction"),
    /** A message post of outbound-chat-handler was answered: a reply part is in the chat, the next not yet. */
    BETWEEN_PARTS("between-parts", Service.FLEX, false, "OutboundChatHandlerFunction"),
    /** outbound-chat-handler's DELETE of the bot's webhook was answered (a handoff under way). */
    AFTER_WEBHOOK_REMOVED("after-webhook-removed", Service.FLEX, false, "OutboundChatHandlerFunction"),
    /** outbound-chat-handler's TaskRouter task or Flex interaction was created. */
    AFTER_HANDOFF("after-handoff", Service.FLEX, false, "OutboundChatHandlerFunction");

    /** The services the stack can put its proxy in front of. */
    public enum Service { LEX, SQS, FLEX }

    private final String spelling;
    private final Service service;
    private final boolean beforeForwarding;
    private final String function;

    CrashPoint(String spelling, Service service, boolean beforeForwarding, String function) {
        this.spelling = spelling;
        this.service = service;
        this.beforeForwarding = beforeForwarding;
        this.function = function;
    }

    public String spelling() {
        return spelling;
    }

    public Service service() {
        return service;
    }

    /** True: the JVM is killed before the request is forwarded (the service never sees it). */
    public boolean beforeForwarding() {
        return beforeForwarding;
    }

    /** The template's logical id of the function whose calls this point concerns. */
    public String function() {
        return function;
    }

    static CrashPoint of(String spelling) {
        return Arrays.stream(values()).filter(p -> p.spelling.equals(spelling)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown crash point '" + spelling + "'; known: "
                        + Arrays.stream(values()).map(CrashPoint::spelling).collect(Collectors.joining(", "))));
    }
}
