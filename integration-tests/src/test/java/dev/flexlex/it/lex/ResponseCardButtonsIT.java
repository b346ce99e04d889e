package dev.flexlex.it.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.definition.BotLoader;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.outbound.ReplyDelivery;
import dev.flexlex.process.TurnDecision;
import dev.flexlex.process.TurnPolicy;
import dev.flexlex.process.lex.LexMessage;
import dev.flexlex.process.lex.LexState;
import dev.flexlex.process.lex.SdkLexGateway;
import dev.flexlex.registry.BotConfig;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioCredentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A Lex response card's buttons from Lex to the chat and back, through the real AWS SDK against the local Lex and
 * twilio-java against the local Flex: Lex's {@code Button.text} is what the customer sees in the posted message, its
 * {@code value} rides in the message attributes, and that value sent back fills the slot.
 */
class ResponseCardButtonsIT {
    private static final Path BOT = Path.of("src/test/resources/lex/pickup-card-bot.yaml");

    @Test
    void aCardShowsEachButtonsTextAndItsValueIsWhatLexUnderstands() throws Exception {
        try (LocalLexServer lexServer = LocalLexServer.builder().port(0).bots(BotLoader.load(BOT)).start();
             LocalFlexServer flex = LocalFlexServer.builder().port(0).start()) {
            AwsClients aws = new AwsClients(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                    Optional.empty(), Optional.of(lexServer.baseUrl()), Optional.empty());
            String botId = BotLoader.load(BOT).get(0).botId();
            BotConfig bot = BotRegistry.parse("{\"bots\":{\"PickupCards\":{\"botId\":\"" + botId + "\",\"botAliasId\":\""
                    + LocalLexServer.TEST_ALIAS_ID + "\",\"localeId\":\"en_US\"}}}").find("PickupCards").orElseThrow();
            SdkLexGateway lex = new SdkLexGateway(aws.lexRuntime());
            TwilioCredentials credentials = new FlexAccount(flex.accountSid(), flex.authToken());
            TwilioClient twilio = TwilioClient.create(credentials, TwilioApiAddress.of(flex.baseUrl()));
            TwilioRestClient rest = twilio.get();
            String chatSid = Conversation.creator().create(rest).getSid();

            LexState asked = lex.recognizeText(bot, chatSid, "I want to pick up my order", Map.of());

            LexMessage card = asked.messages().get(0);
            assertEquals(List.of("today", "tomorrow"), card.buttonValues());
            assertEquals(List.of("Today, please", "Tomorrow morning"), card.buttonTexts());

            TurnDecision decision = new TurnPolicy().decide(bot, asked);
            BotReply reply = Json.readBotReply(Json.write(new BotReply(BotReply.SCHEMA_VERSION,
                    ChatPlatformKind.CONVERSATIONS, chatSid, "IM00000000000000000000000000000001", null, "PickupCards",
                    "customer-1", null, decision.messages(), decision.nextStep(), decision.lastIntent(), decision.slots(),
                    decision.handoffReason())));
            new ReplyDelivery(new ConversationsChatPlatform(twilio, "bot", "http://127.0.0.1:1/twilio/webhook",
                    new HandoffRouting(flex.workspaceSid(), flex.workflowSid(), "chat"))).deliver(reply, false);

            List<Message> posted = new ArrayList<>();
            Message.reader(chatSid).read(rest).forEach(posted::add);
            assertEquals(1, posted.size());
            assertEquals("When will you pick it up?\nChoose a day\nToday, please | Tomorrow morning",
                    posted.get(0).getBody(), "the customer sees the buttons' text");
            JsonNode buttons = readJson(posted.get(0).getAttributes()).path("flexLex").path("buttons");
            assertEquals("Tomorrow morning", buttons.get(1).path("text").asText());
            assertEquals("tomorrow", buttons.get(1).path("value").asText(), "the value a webchat sends back");

            LexState answered = lex.recognizeText(bot, chatSid, buttons.get(1).path("value").asText(), Map.of());

            assertEquals("tomorrow", answered.slots().get("Day"));
            assertEquals("See you tomorrow.", answered.messages().get(0).content());
        }
    }

    /** The local Flex's test account (its token is a fixed local test value). */
    private record FlexAccount(String accountSid, String authToken) implements TwilioCredentials {
    }

    private static JsonNode readJson(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
