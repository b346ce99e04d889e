package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Legacy Programmable Chat: {@code POST /flex-api/v1/WebChannels} with the Flex Flow, Chat v2 messages and members. */
final class ProgrammableChatWebchat implements WebchatPlatform {
    private final TwilioRest twilio;
    private final String flexFlowSid;
    private final String serviceSid;

    ProgrammableChatWebchat(TwilioRest twilio, String flexFlowSid, String serviceSid) {
        if (flexFlowSid == null || flexFlowSid.isBlank()) {
            throw new IllegalArgumentException("the chat platform needs the Flex Flow SID (FO...)");
        }
        if (serviceSid == null || serviceSid.isBlank()) {
            throw new IllegalArgumentException("the chat platform needs the chat service SID (IS...)");
        }
        this.twilio = twilio;
        this.flexFlowSid = flexFlowSid;
        this.serviceSid = serviceSid;
    }

    @Override
    public String startChat(String identity, String customerName, JsonNode preEngagementData) {
        return twilio.post("/flex-api/v1/WebChannels", Pages.webchatForm("FlexFlowSid", flexFlowSid, identity, customerName, preEngagementData)).path("sid").asText();
    }

    @Override
    public void postMessage(String chatSid, String author, String body, String attributes) {
        twilio.post(channel(chatSid) + "/Messages", attributes == null ? Map.of("From", author, "Body", body)
                : Map.of("From", author, "Body", body, "Attributes", attributes), true);
    }

    @Override
    public List<ChatMessage> messagesAfter(String chatSid, int afterIndex) {
        return Pages.messages(twilio, channel(chatSid) + "/Messages", "from", afterIndex);
    }

    @Override
    public ChatSnapshot snapshot(String chatSid) {
        JsonNode c = twilio.get(channel(chatSid));
        JsonNode attributes = Pages.attributes(c.path("attributes").asText("{}"));
        List<String> members = new ArrayList<>();
        twilio.get(channel(chatSid) + "/Members?PageSize=100").path("members")
                .forEach(m -> members.add(m.path("identity").asText("")));
        return new ChatSnapshot(attributes, "INACTIVE".equals(attributes.path("status").asText()), members);
    }

    @Override
    public void join(String chatSid, String identity) {
        Pages.join(twilio, channel(chatSid) + "/Members", identity);
    }

    /** As Flex does for a Flex Flow channel: the channel's attributes say {@code status: INACTIVE}. */
    @Override
    public void end(String chatSid, JsonNode taskAttributes) {
        JsonNode current = Pages.attributes(twilio.get(channel(chatSid)).path("attributes").asText("{}"));
        ObjectNode updated = current.isObject() ? ((ObjectNode) current).deepCopy() : TwilioRest.JSON.createObjectNode();
        updated.put("status", "INACTIVE");
        twilio.post(channel(chatSid), Map.of("Attributes", updated.toString()));
    }

    @Override
    public String chatSidAttribute() {
        return "channelSid";
    }

    private String channel(String chatSid) {
        return "/chat/v2/Services/" + serviceSid + "/Channels/" + Pages.sid(chatSid);
    }
}
