package dev.flexlex.localstack;

import java.util.List;
import java.util.Map;

/**
 * What a running local stack offers its clients (the pages, the tests, the ready file): every base URL,
 * the local Flex credentials and the SIDs the runner configured through the Twilio REST API.
 *
 * @param platform "conversations" or "chat"
 * @param flexBaseUrl base URL of the local Flex (Twilio API stand-in), no trailing slash
 * @param accountSid local Flex account SID
 * @param authToken local Flex auth token
 * @param conversationsServiceSid Conversations service SID (IS...)
 * @param chatServiceSid Programmable Chat service SID (IS...)
 * @param flexFlowSid Flex Flow SID (FO...) for the chat platform, else null
 * @param addressSid Conversations address configuration SID (IG...) for the conversations platform, else null
 * @param workspaceSid TaskRouter workspace SID (WS...)
 * @param workflowSid TaskRouter workflow SID (WW...)
 * @param workerSid TaskRouter worker SID (WK...) the agent desk plays
 * @param taskQueueSid TaskRouter task queue SID (WQ...)
 * @param lexBaseUrl base URL of the local Lex V2 runtime
 * @param sqsBaseUrl base URL of ElasticMQ (SQS)
 * @param webhookUrl the URL Twilio calls for each customer message (the inbound function's HTTP API)
 * @param botNames bot names from the bot registry, for the pre-engagement bot choice
 * @param phoneAddresses the contact centre's SMS and WhatsApp addresses by channel ({@code sms}, {@code whatsapp}),
 *        each as an inbound message's {@code To} names it ({@code +15005550006}, {@code whatsapp:+14155238886});
 *        empty on the chat platform
 */
public record StackInfo(String platform, String flexBaseUrl, String accountSid, String authToken,
                        String conversationsServiceSid, String chatServiceSid, String flexFlowSid,
                        String addressSid, String workspaceSid, String workflowSid, String workerSid,
                        String taskQueueSid, String lexBaseUrl, String sqsBaseUrl, String webhookUrl,
                        List<String> botNames, Map<String, String> phoneAddresses) {
    public StackInfo {
        botNames = List.copyOf(botNames);
        phoneAddresses = Map.copyOf(phoneAddresses);
    }

    /** A stack without SMS or WhatsApp addresses. */
    public StackInfo(String platform, String flexBaseUrl, String accountSid, String authToken,
                     String conversationsServiceSid, String chatServiceSid, String flexFlowSid,
                     String addressSid, String workspaceSid, String workflowSid, String workerSid,
                     String taskQueueSid, String lexBaseUrl, String sqsBaseUrl, String webhookUrl,
                     List<String> botNames) {
        this(platform, flexBaseUrl, accountSid, authToken, conversationsServiceSid, chatServiceSid, flexFlowSid,
                addressSid, workspaceSid, workflowSid, workerSid, taskQueueSid, lexBaseUrl, sqsBaseUrl, webhookUrl,
                botNames, Map.of());
    }
}
