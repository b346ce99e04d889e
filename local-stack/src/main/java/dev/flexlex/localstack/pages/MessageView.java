package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns a Twilio message into what the pages draw: who wrote it (customer, bot, agent, system), the name to show,
 * the text, the buttons of an image response card, and when. A bot message is one the bridge tagged
 * ({@code flexLex} in its attributes); the customer is the identity in the chat's pre-engagement data.
 *
 * <p>A card's buttons are {@code {"text","value"}}: the bridge's attributes carry both (a plain string, as older
 * replies carry, is both). A customer message sent by clicking a button carries the button's text in the attribute
 * {@value #BUTTON_TEXT}; it is shown instead of the body (the value the bot read).
 */
final class MessageView {
    static final String BUTTON_TEXT = "buttonText";

    private MessageView() {
    }

    /** The chat facts the rendering needs, read from its attributes. */
    record ChatPeople(String customerIdentity, String customerName, String botName, String question) {
        static ChatPeople of(JsonNode chatAttributes) {
            return of(chatAttributes, null);
        }

        /**
         * With an SMS or WhatsApp conversation's customer address: there is no pre-engagement data, the customer's
         * messages are authored by their address, which also names them unless the attributes do.
         */
        static ChatPeople of(JsonNode chatAttributes, String customerAddress) {
            JsonNode pre = chatAttributes.path("pre_engagement_data");
            String fallbackName = customerAddress != null ? customerAddress : "Customer";
            return new ChatPeople(text(pre, "customerIdentity", customerAddress),
                    text(pre, "friendlyName", text(chatAttributes, "from", fallbackName)),
                    text(pre, "botName", "Bot"), text(pre, "question", ""));
        }

        private static String text(JsonNode node, String field, String fallback) {
            JsonNode v = node.path(field);
            return v.isTextual() && !v.asText().isBlank() ? v.asText() : fallback;
        }
    }

    static ObjectNode render(ChatMessage m, ChatPeople people, UnaryOperator<String> agentName) {
        JsonNode attributes = Pages.attributes(m.attributes());
        JsonNode tag = attributes.path("flexLex");
        String role;
        String name;
        String body = m.body();
        List<String[]> buttons = new ArrayList<>();
        if (tag.isObject()) {
            role = "bot";
            name = people.botName();
            for (JsonNode b : tag.path("buttons")) {
                String value = b.isObject() ? b.path("value").asText() : b.asText();
                buttons.add(new String[] {b.isObject() ? b.path("text").asText(value) : value, value});
            }
            String choices = "\n" + String.join(" | ", buttons.stream().map(b -> b[0]).toList());
            if (!buttons.isEmpty() && body.endsWith(choices)) {
                body = body.substring(0, body.length() - choices.length());
            }
        } else if (m.author().equals(people.customerIdentity())) {
            role = "customer";
            name = people.customerName();
            if (attributes.path(BUTTON_TEXT).isTextual()) {
                body = attributes.get(BUTTON_TEXT).asText();
            }
        } else if (m.author().equals("system")) {
            role = "system";
            name = "System";
        } else {
            role = "agent";
            name = agentName.apply(m.author());
        }
        ObjectNode view = TwilioRest.JSON.createObjectNode();
        view.put("index", m.index());
        view.put("sid", m.sid());
        view.put("role", role);
        view.put("author", name);
        view.put("body", body);
        ArrayNode b = view.putArray("buttons");
        buttons.forEach(button -> b.addObject().put("text", button[0]).put("value", button[1]));
        view.put("time", m.dateCreated());
        return view;
    }
}
