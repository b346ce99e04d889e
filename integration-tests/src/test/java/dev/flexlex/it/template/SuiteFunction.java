package dev.flexlex.it.template;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The suite's three functions as the team agreed them: template id, module, handler and environment. */
enum SuiteFunction {
    INBOUND("InboundBotHandlerFunction", "inbound-bot-handler", "dev.flexlex.inbound.TwilioWebhookHandler",
            Set.of("CHAT_PLATFORM", "BOT_REGISTRY", "TWILIO_SECRET_ID", "WEBHOOK_PUBLIC_URL", "INBOUND_QUEUE_URL",
                    "BOT_AUTHOR")),
    PROCESS("ProcessBotTurnFunction", "process-bot-turn", "dev.flexlex.process.BotTurnHandler",
            Set.of("CHAT_PLATFORM", "BOT_REGISTRY", "OUTBOUND_QUEUE_URL", "MEDIA_ONLY_REPLY", "EMPTY_MESSAGE_REPLY",
                    "POWERTOOLS_METRICS_NAMESPACE")),
    OUTBOUND("OutboundChatHandlerFunction", "outbound-chat-handler", "dev.flexlex.outbound.BotReplyHandler",
            Set.of("CHAT_PLATFORM", "TWILIO_SECRET_ID", "TASKROUTER_WORKSPACE_SID",
                    "TASKROUTER_WORKFLOW_SID", "TASKROUTER_TASK_CHANNEL", "BOT_AUTHOR", "TWILIO_CHAT_SERVICE_SID",
                    "WEBHOOK_PUBLIC_URL", "HANDOFF_FAILED_MESSAGE", "POWERTOOLS_METRICS_NAMESPACE"));

    final String logicalId;
    final String module;
    final String handlerClass;
    /**
     * Set in the template; AWS_REGION comes from Lambda, the endpoint overrides and TWILIO_API_BASE_URL stay unset.
     * The outbound function needs no bot registry (replies carry the bot's decisions).
     */
    final Set<String> environment;

    SuiteFunction(String logicalId, String module, String handlerClass, Set<String> environment) {
        this.logicalId = logicalId;
        this.module = module;
        this.handlerClass = handlerClass;
        this.environment = environment;
    }

    static Set<String> ids() {
        return Arrays.stream(values()).map(f -> f.logicalId).collect(Collectors.toSet());
    }
}
