package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flex Conversations: {@code POST /flex-api/v2/WebChats}, Conversations v1 messages and participants, Interactions. */
final class ConversationsWebchat implements WebchatPlatform {
    private final TwilioRest twilio;
    private final String addressSid;

    ConversationsWebchat(TwilioRest twilio, String addressSid) {
        if (addressSid == null || addressSid.isBlank()) {
            throw new IllegalArgumentException("the conversations platform needs the webchat address configuration SID (IG...)");
        }
        this.twilio = twilio;
        this.addressSid = addressSid;
    }

    @Override
    public String startChat(String identity, String customerName, JsonNode preEngagementData) {
        return twilio.post("/flex-api/v2/WebChats", Pages.webchatForm("AddressSid", addressSid, identity, customerName, preEngagementData)).path("conversation_sid").asText();
    }

    @Override
    public void postMessage(String chatSid, String author, String body, String attributes) {
        twilio.post(conversation(chatSid) + "/Messages", attributes == null ? Map.of("Author", author, "Body", body)
                : Map.of("Author", author, "Body", body, "Attributes", attributes), true);
    }

    @Override
    public List<ChatMessage> messagesAfter(String chatSid, int afterIndex) {
        return Pages.messages(twilio, conversation(chatSid) + "/Messages", "author", afterIndex);
    }

    @Override
    public ChatSnapshot snapshot(String chatSid) {
        JsonNode c = twilio.get(conversation(chatSid));
        List<String> members = new ArrayList<>();
        String customerAddress = null;
        for (JsonNode p : twilio.get(conversation(chatSid) + "/Participants?PageSize=100").path("participants")) {
            members.add(p.path("identity").asText(""));
            JsonNode address = p.path("messaging_binding").path("address");
            if (customerAddress == null && address.isTextual()) {
                customerAddress = address.asText();
            }
        }
        return new ChatSnapshot(Pages.attributes(c.path("attributes").asText("{}")), "closed".equals(c.path("state").asText()),
                members, customerAddress);
    }

    @Override
    public void join(String chatSid, String identity) {
        Pages.join(twilio, conversation(chatSid) + "/Participants", identity);
    }

    @Override
    public void end(String chatSid, JsonNode taskAttributes) {
        String interaction = taskAttributes.path("flexInteractionSid").asText(null);
        String channel = taskAttributes.path("flexInteractionChannelSid").asText(null);
        if (interaction != null && channel != null) {
            twilio.post("/flex-api/v1/Interactions/" + Pages.sid(interaction) + "/Channels/" + Pages.sid(channel), Map.of("Status", "closed"));
        } else {
            twilio.post(conversation(chatSid), Map.of("State", "closed"));
        }
    }

    @Override
    public String chatSidAttribute() {
        return "conversationSid";
    }

    private static String conversation(String chatSid) {
        return "/conversations/v1/Conversations/" + Pages.sid(chatSid);
    }
}
