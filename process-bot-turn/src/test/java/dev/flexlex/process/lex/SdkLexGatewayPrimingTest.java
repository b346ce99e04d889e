package dev.flexlex.process.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.priming.CannedAwsHttpClient;
import dev.flexlex.priming.Tripwire;
import dev.flexlex.registry.BotConfig;
import dev.flexlex.registry.BotRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The priming's canned AWS client answers the Lex gateway's calls through the real SDK client; no socket opened. */
class SdkLexGatewayPrimingTest {
    @Test
    void theCannedClientAnswersGetSessionAndRecognizeTextAndNoSocketIsOpened() throws Exception {
        try (Tripwire tripwire = new Tripwire()) {
            CannedAwsHttpClient http = new CannedAwsHttpClient();
            AwsClients aws = tripwire.awsClientsThrough(http);

            BotConfig bot = BotRegistry.parse("{\"bots\":{\"B\":{\"botId\":\"BOTID12345\",\"botAliasId\":\"TSTALIASID\","
                    + "\"localeId\":\"en_US\"}}}").find("B").orElseThrow();
            SdkLexGateway lex = new SdkLexGateway(aws.lexRuntime());
            assertTrue(lex.getSession(bot, "s").isPresent());
            LexState after = lex.recognizeText(bot, "s", "hi", Map.of());
            assertEquals(List.of("Priming."), after.messages().stream().map(m -> m.content()).toList());

            assertEquals(2, http.calls());
            assertEquals(0, tripwire.connections());
        }
    }
}
