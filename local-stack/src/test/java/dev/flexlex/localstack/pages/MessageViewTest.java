package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageViewTest {
    private static final MessageView.ChatPeople PEOPLE = MessageView.ChatPeople.of(Pages.attributes(
            "{\"from\":\"Ana\",\"pre_engagement_data\":{\"friendlyName\":\"Ana Lima\",\"botName\":\"OrderFlowers\","
                    + "\"customerIdentity\":\"customer-0123456789ab\",\"question\":\"Roses?\"}}"));

    private static ObjectNode render(String author, String body, String attributes) {
        return MessageView.render(new ChatMessage(3, "IM1", author, body, "2026-11-25T10:00:00Z", attributes), PEOPLE,
                identity -> identity.equals("agent") ? "Local Agent" : identity);
    }

    @Test
    void aTaggedCardIsTheBotsWithItsChoicesAsButtonsNotText() {
        ObjectNode v = render("bot", "Which flowers?\nroses | tulips",
                "{\"flexLex\":{\"turn\":\"IM0\",\"part\":1,\"parts\":1,\"contentType\":\"ImageResponseCard\",\"buttons\":[\"roses\",\"tulips\"]}}");
        assertEquals("bot", v.path("role").asText());
        assertEquals("OrderFlowers", v.path("author").asText());
        assertEquals("Which flowers?", v.path("body").asText());
        assertEquals(2, v.path("buttons").size());
        assertEquals("tulips", v.path("buttons").get(1).path("text").asText(), "a plain value is also the text");
        assertEquals("tulips", v.path("buttons").get(1).path("value").asText());
        assertEquals(3, v.path("index").asInt());
        assertEquals("2026-11-25T10:00:00Z", v.path("time").asText());
    }

    @Test
    void aCardsButtonsShowTheirTextAndKeepTheirValue() {
        ObjectNode v = render("bot", "When?\nToday, please | Tomorrow morning",
                "{\"flexLex\":{\"turn\":\"IM0\",\"part\":1,\"parts\":1,\"contentType\":\"ImageResponseCard\","
                        + "\"buttons\":[{\"text\":\"Today, please\",\"value\":\"today\"},"
                        + "{\"text\":\"Tomorrow morning\",\"value\":\"tomorrow\"}]}}");
        assertEquals("When?", v.path("body").asText(), "the choices are buttons, not text");
        assertEquals("Tomorrow morning", v.path("buttons").get(1).path("text").asText());
        assertEquals("tomorrow", v.path("buttons").get(1).path("value").asText());
    }

    @Test
    void aCustomersButtonClickShowsTheButtonsTextNotTheValueSent() {
        ObjectNode v = render("customer-0123456789ab", "tomorrow", "{\"buttonText\":\"Tomorrow morning\"}");
        assertEquals("customer", v.path("role").asText());
        assertEquals("Tomorrow morning", v.path("body").asText());
    }

    @Test
    void anSmsCustomerIsTheirBoundAddressAndIsNamedByItWithoutPreEngagementData() {
        MessageView.ChatPeople sms = MessageView.ChatPeople.of(Pages.attributes("{}"), "+12025550147");
        ObjectNode v = MessageView.render(new ChatMessage(0, "IM1", "+12025550147", "I would like to order flowers",
                "2026-11-25T10:00:00Z", "{}"), sms, identity -> identity);
        assertEquals("customer", v.path("role").asText(), "not taken for an agent");
        assertEquals("+12025550147", v.path("author").asText());
        assertEquals("Ana Lima", MessageView.ChatPeople.of(Pages.attributes("{\"pre_engagement_data\":{\"friendlyName\":\"Ana Lima\","
                + "\"customerIdentity\":\"customer-0123456789ab\"}}"), null).customerName(), "webchat as before");
    }

    @Test
    void theBotTagDecidesWhateverTheAuthorSays() {
        assertEquals("bot", render("someone", "hi", "{\"flexLex\":{\"turn\":\"IM0\"}}").path("role").asText());
    }

    @Test
    void theCustomerIsThePreEngagementIdentityAndShowsTheirName() {
        ObjectNode v = render("customer-0123456789ab", "roses | tulips", "{}");
        assertEquals("customer", v.path("role").asText());
        assertEquals("Ana Lima", v.path("author").asText());
        assertEquals("roses | tulips", v.path("body").asText(), "a customer's text is never cut");
    }

    @Test
    void anyoneElseIsAnAgentShownByName() {
        ObjectNode v = render("agent", "How can I help?", "not json");
        assertEquals("agent", v.path("role").asText());
        assertEquals("Local Agent", v.path("author").asText());
        assertEquals("system", render("system", "closed", "{}").path("role").asText());
    }

    @Test
    void missingPreEngagementDataFallsBackToTheChatsFromAndDefaults() {
        MessageView.ChatPeople people = MessageView.ChatPeople.of(Pages.attributes("{\"from\":\"Bo\"}"));
        assertEquals("Bo", people.customerName());
        assertEquals("Bot", people.botName());
        assertEquals("", people.question());
        assertEquals(null, people.customerIdentity());
    }
}
