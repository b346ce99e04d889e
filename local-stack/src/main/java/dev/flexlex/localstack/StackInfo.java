package dev.flexlex.localstack;

import java.util.List;

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
 */
public record StackInfo(String platform, String flexBaseUrl, String accountSid, String authToken,
                        String conversationsServiceSid, String chatServiceSid, String flexFlowSid,
                        String addressSid, String workspaceSid, String workflowSid, String workerSid,
                        String taskQueueSid, String lexBaseUrl, String sqsBaseUrl, String webhookUrl,
                        List<String> botNames) {
    public StackInfo {
        botNames = List.copyOf(botNames);
    }
}
