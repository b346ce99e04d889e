package dev.flexlex.localstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localstack.StackInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A customer in a Flex webchat on the Conversations platform, talking over Twilio's REST API: the chat is opened
 * with the Flex API's WebChats on the stack's address configuration, messages are posted with
 * {@code X-Twilio-Webhook-Enabled: true}. A post answered 429/5xx is checked against the transcript before it is
 * sent again (a 500 may come after the message was added), so the customer never doubles a message.
 */
public final class WebchatCustomer {
    /** A line of the transcript. */
    public record Line(String author, String body) {
    }

    private final FlexHttp flex;
    private final String chatSid;
    private final String identity;
    private int sent;

    private WebchatCustomer(FlexHttp flex, String chatSid, String identity) {
        this.flex = flex;
        this.chatSid = chatSid;
        this.identity = identity;
    }

    /** Opens a chat (retrying on 429/5xx, which act before failing: a retry opens a fresh chat at worst). */
    public static WebchatCustomer open(FlexHttp flex, StackInfo info, String name) {
        for (int attempt = 0; attempt < 20; attempt++) {
            FlexHttp.Answer answer = flex.post("/flex-api/v2/WebChats", FlexHttp.form("AddressSid", info.addressSid(),
                    "CustomerFriendlyName", name, "ChatFriendlyName", "Chat with " + name,
                    "PreEngagementData", "{\"friendlyName\":\"" + name + "\",\"bot\":\"OrderFlowers\"}"));
            if (answer.ok()) {
                return new WebchatCustomer(flex, answer.body().path("conversation_sid").asText(),
                        answer.body().path("identity").asText());
            }
            FlexHttp.pause(50);
        }
        throw new AssertionError("could not open a webchat for " + name);
    }

    /** The same customer in the same chat, talking through {@code other} (e.g. with a rotated auth token). */
    public WebchatCustomer through(FlexHttp other) {
        WebchatCustomer moved = new WebchatCustomer(other, chatSid, identity);
        moved.sent = sent;
        return moved;
    }

    public String chatSid() {
        return chatSid;
    }

    /** Posts the customer's next message exactly once. */
    public void say(String text) {
        for (int attempt = 0; attempt < 20; attempt++) {
            FlexHttp.Answer answer = flex.post("/conversations/v1/Conversations/" + chatSid + "/Messages",
                    FlexHttp.form("Author", identity, "Body", text), "X-Twilio-Webhook-Enabled", "true");
            if (answer.ok() || customerLines() > sent) {
                sent++;
                return;
            }
            if (answer.status() != 429 && answer.status() < 500) {
                throw new AssertionError("posting a message answered " + answer.status() + " " + answer.body());
            }
            FlexHttp.pause(50);
        }
        throw new AssertionError("could not post '" + text + "' to " + chatSid);
    }

    private int customerLines() {
        return (int) transcript().stream().filter(l -> l.author().equals(identity)).count();
    }

    public List<Line> transcript() {
        List<Line> lines = new ArrayList<>();
        JsonNode page = flex.get("/conversations/v1/Conversations/" + chatSid + "/Messages?PageSize=100");
        for (JsonNode m : page.path("messages")) {
            lines.add(new Line(m.path("author").asText(), m.path("body").asText()));
        }
        return lines;
    }

    public List<String> linesBy(Predicate<String> author) {
        return transcript().stream().filter(l -> author.test(l.author())).map(Line::body).toList();
    }

    public List<String> botLines() {
        return linesBy("bot"::equals);
    }

    /** Waits until the bot has said at least {@code count} lines; returns them. */
    public List<String> awaitBotLines(int count, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<String> lines = botLines();
        while (lines.size() < count && System.currentTimeMillis() < deadline) {
            FlexHttp.pause(100);
            lines = botLines();
        }
        return lines;
    }
}
