package dev.flexlex.localflex.conversations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.ApiResponse;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.MessageBodies;
import dev.flexlex.localflex.http.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The carrier's (SMS) or Meta's (WhatsApp) side of Conversations, which Twilio does not expose and the local Flex
 * plays: a message from a phone ({@code From}) to a Twilio number ({@code To}) lands as Twilio's inbound handling
 * documents (https://www.twilio.com/docs/conversations/inbound-autocreation): in the one conversation that is not
 * closed where a participant binds the pair ({@code messaging_binding.address} = From, {@code proxy_address} = To),
 * whether or not To has an address configuration, else — when To's sms/whatsapp address configuration has
 * auto-creation enabled — in a new conversation with the address's
 * conversation-scoped webhook and a participant bound to the pair. The message's author is From; {@code onMessageAdded}
 * fires with {@code Source} {@code SMS} or {@code WHATSAPP}. Every check happens before anything is created.
 *
 * <p>HTTP, under the {@code local} product (local-only, not a Twilio API): {@code POST /local/v1/Inbound} (form
 * {@code From}, {@code To}, {@code Body}) and {@code GET /local/v1/Phones/{address}/Messages} (what was delivered to
 * the phone). Not thread-safe on its own: called under the state lock.
 */
public final class InboundMessages {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    private final ConversationsApi conversations;

    public InboundMessages(ConversationsApi conversations) {
        this.conversations = conversations;
    }

    public void register(Routes r) {
        r.add("POST", "/v1/Inbound", (q, v) -> {
            InboundResult result = receive(q.param("From"), q.param("To"), q.param("Body"));
            ObjectNode out = Json.object();
            out.put("conversation_sid", result.conversationSid());
            out.put("participant_sid", result.participantSid());
            out.put("message_sid", result.messageSid());
            return ApiResponse.created(out);
        }).add("GET", "/v1/Phones/{}/Messages", (q, v) -> ApiResponse.ok(phoneMessagesJson(v.get(0))));
    }

    /**
     * Plays a message from phone {@code from} to the Twilio number {@code to}.
     *
     * @throws ApiException 400 for a missing or bad field (20001, 50504 for a body over 1,600 characters, 50407 a From
     *                      that is no phone address, 50414 a From on another channel than To, 50409 From = To, 20001 an
     *                      address whose auto-creation is disabled), 404 (20404) when no sms/whatsapp address
     *                      configuration has address {@code to} and no conversation binds the pair; nothing is
     *                      created then
     */
    public InboundResult receive(String from, String to, String body) {
        if (from == null || from.isEmpty()) {
            throw ApiException.missing("From");
        }
        if (to == null || to.isEmpty()) {
            throw ApiException.missing("To");
        }
        if (body == null || body.isEmpty()) {
            throw ApiException.missing("Body");
        }
        ObjectNode address = conversations.messagingAddress(to);
        MessagingAddress number = MessagingAddress.parse(to);
        if (address == null && number == null) {
            throw noAddress(to);
        }
        MessagingAddress phone = MessagingAddress.parse(from);
        if (phone == null) {
            throw new ApiException(400, 50407, "Invalid messaging binding address: From must be an E.164 phone number"
                    + " (+15005550006) or whatsapp:+15005550006");
        }
        if (!phone.channel().equals(number.channel())) {
            throw new ApiException(400, 50414, "Participant address type does not match proxy address type: From is "
                    + phone.channel() + ", To is a " + number.channel() + " address");
        }
        if (phone.value().equals(number.value())) {
            throw new ApiException(400, 50409, "Participant address equals proxy address");
        }
        MessageBodies.checkConversations(body);
        ObjectNode participant = conversations.boundParticipant(phone.value(), number.value());
        ObjectNode conversation;
        if (participant != null) {
            conversation = conversations.findConversation(participant.get("conversation_sid").asText());
        } else {
            if (address == null) {
                throw noAddress(to);
            }
            if (!address.path("auto_creation").path("enabled").asBoolean(false)) {
                throw ApiException.invalid("To", "address configuration " + address.get("sid").asText()
                        + " has AutoCreation disabled: Twilio would not create a conversation for this message");
            }
            conversation = conversations.newConversation(null, "{}");
            String conversationSid = conversation.get("sid").asText();
            conversations.attachAutoCreationWebhook(conversationSid, address);
            participant = conversations.addParticipant(conversationSid, null, "{}",
                    conversations.binding(phone.value(), number.value()));
            LOG.info("conversation {} auto-created by {} address {}", conversationSid, number.channel(), address.get("sid").asText());
        }
        ObjectNode message = conversations.appendMessage(conversation, phone.value(), body, "{}", null, true, phone.source());
        return new InboundResult(conversation.get("sid").asText(), participant.get("sid").asText(), message.get("sid").asText());
    }

    private static ApiException noAddress(String to) {
        return new ApiException(404, 20404, "No sms or whatsapp address configuration has address " + to
                + " (create one with POST /conversations/v1/Configuration/Addresses)");
    }

    /** The messages delivered to {@code phone}; 400 (50407) for an address that is no phone's. */
    public List<PhoneMessage> phoneMessages(String phone) {
        if (MessagingAddress.parse(phone) == null) {
            throw new ApiException(400, 50407, "Invalid messaging binding address: " + phone
                    + " is no E.164 phone number nor whatsapp:+E.164 (url-encode + as %2B)");
        }
        return conversations.phoneMessages(phone);
    }

    private ObjectNode phoneMessagesJson(String phone) {
        ObjectNode out = Json.object();
        var list = out.putArray("messages");
        for (PhoneMessage m : phoneMessages(phone)) {
            ObjectNode row = list.addObject();
            row.put("conversation_sid", m.conversationSid());
            row.put("message_sid", m.messageSid());
            row.put("from", m.from());
            row.put("to", m.to());
            row.put("body", m.body());
            row.put("date_created", m.dateCreated());
        }
        return out;
    }
}
