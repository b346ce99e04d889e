package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What Flex WebChat does for a customer: start a chat with the pre-engagement data (name, question, the bot
 * chosen), then post the customer's messages so the chat's webhooks fire.
 */
final class Webchat {
    private static final Logger LOG = LoggerFactory.getLogger(Webchat.class);
    static final int MAX_NAME = 60;
    static final int MAX_QUESTION = 500;
    /** Twilio's limit on a message body. */
    static final int MAX_BODY = 1600;
    /** Lex V2's {@code ButtonText} maximum. */
    static final int MAX_BUTTON_TEXT = 50;
    private static final Pattern IDENTITY = Pattern.compile("customer-[0-9a-f]{12}");

    private final WebchatPlatform platform;
    private final List<String> botNames;

    Webchat(WebchatPlatform platform, List<String> botNames) {
        this.platform = platform;
        this.botNames = List.copyOf(botNames);
    }

    /** Starts a chat; answers {@code chatSid}, {@code identity}, {@code customerName}, {@code botName}. */
    ObjectNode start(String name, String question, String botName) {
        String customer = name == null ? "" : name.strip();
        if (customer.isEmpty() || customer.length() > MAX_NAME) {
            throw new IllegalArgumentException("name must be 1.." + MAX_NAME + " characters");
        }
        String q = question == null ? "" : question.strip();
        if (q.length() > MAX_QUESTION) {
            throw new IllegalArgumentException("question must be at most " + MAX_QUESTION + " characters");
        }
        if (botName == null || !botNames.contains(botName)) {
            throw new IllegalArgumentException("bot must be one of " + botNames);
        }
        String identity = "customer-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ObjectNode pre = TwilioRest.JSON.createObjectNode();
        pre.put("friendlyName", customer);
        pre.put("question", q);
        pre.put("botName", botName);
        pre.put("customerIdentity", identity);
        String chatSid = platform.startChat(identity, customer, pre);
        LOG.info("webchat {} started for bot {}", chatSid, botName);
        ObjectNode out = TwilioRest.JSON.createObjectNode();
        out.put("chatSid", chatSid);
        out.put("identity", identity);
        out.put("customerName", customer);
        out.put("botName", botName);
        return out;
    }

    void send(String chatSid, String identity, String body) {
        send(chatSid, identity, body, null);
    }

    /**
     * Posts the customer's message. A click on a response card button sends the button's value as the message (what
     * the bot reads) and its text as the message attribute {@value MessageView#BUTTON_TEXT}, which the pages show
     * in its place, so the customer sees what they clicked.
     */
    void send(String chatSid, String identity, String body, String buttonText) {
        if (identity == null || !IDENTITY.matcher(identity).matches()) {
            throw new IllegalArgumentException("identity must be the one the chat started with");
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > MAX_BODY) {
            throw new IllegalArgumentException("message must be 1.." + MAX_BODY + " characters");
        }
        String attributes = null;
        if (buttonText != null) {
            if (buttonText.isBlank() || buttonText.length() > MAX_BUTTON_TEXT) {
                throw new IllegalArgumentException("buttonText must be 1.." + MAX_BUTTON_TEXT + " characters");
            }
            attributes = TwilioRest.JSON.createObjectNode().put(MessageView.BUTTON_TEXT, buttonText).toString();
        }
        platform.postMessage(Pages.sid(chatSid), identity, text, attributes);
        LOG.info("customer message posted to chat {} ({} chars)", chatSid, text.length());
    }
}
