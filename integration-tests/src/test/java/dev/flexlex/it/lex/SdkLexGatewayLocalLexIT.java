package dev.flexlex.it.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import dev.flexlex.locallex.runtime.UnknownSessionError;
import dev.flexlex.process.lex.LexRejectedException;
import dev.flexlex.process.lex.LexState;
import dev.flexlex.process.lex.SdkLexGateway;
import dev.flexlex.registry.BotConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;

/**
 * {@link SdkLexGateway} through the real Lex runtime client (built by our {@link AwsClients}) against the local Lex
 * serving ../template.yaml's OrderFlowers: each documented "no such session" answer of GetSession is "no session
 * yet" while an unknown bot, alias or locale still fails loudly; the registry's time zone reaches Lex.
 */
class SdkLexGatewayLocalLexIT {
    /** 23:30 UTC on Wednesday 25 November 2026: already Thursday the 26th in Auckland, still the 25th in New York. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T23:30:00Z"), ZoneOffset.UTC);
    private static final String ALIAS = LocalLexServer.TEST_ALIAS_ID;

    private interface WithLex {
        void run(SdkLexGateway gateway, String botId) throws Exception;
    }

    private static void withLocalLex(UnknownSessionError answer, WithLex test) throws Exception {
        LexBot bot = BotLoader.load(Path.of("../template.yaml"), CLOCK).get(0);
        try (LocalLexServer server = LocalLexServer.builder().port(0).bot(bot).clock(CLOCK)
                .defaultTimeZone(ZoneOffset.UTC).unknownSessionError(answer).start();
             LexRuntimeV2Client lex = new AwsClients(Region.US_EAST_1,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                     Optional.empty(), Optional.of(server.baseUrl()), Optional.empty()).lexRuntime()) {
            test.run(new SdkLexGateway(lex), bot.botId());
        }
    }

    private static BotConfig bot(String botId, String aliasId, String localeId, ZoneId timeZone) {
        return new BotConfig("OrderFlowers", botId, aliasId, localeId, Set.of("TalkToAgent"), Set.of("OrderFlowers"), 2,
                timeZone);
    }

    @ParameterizedTest
    @EnumSource(UnknownSessionError.class)
    void aSessionLexHasNeverSeenIsNoSessionYetWhicheverDocumentedAnswerLexGives(UnknownSessionError answer) throws Exception {
        withLocalLex(answer, (gateway, botId) -> {
            BotConfig orderFlowers = bot(botId, ALIAS, "en_US", null);

            assertEquals(Optional.empty(), gateway.getSession(orderFlowers, "CHnew"));

            gateway.recognizeText(orderFlowers, "CHnew", "I want to buy roses", Map.of("bridge.lastTurn", "IM1"));
            assertEquals("OrderFlowers", gateway.getSession(orderFlowers, "CHnew").orElseThrow().intentName());
        });
    }

    @ParameterizedTest
    @EnumSource(UnknownSessionError.class)
    void anUnknownBotAliasOrLocaleStillFailsLoudly(UnknownSessionError answer) throws Exception {
        withLocalLex(answer, (gateway, botId) -> {
            for (BotConfig wrong : new BotConfig[] {bot("NOSUCHBOT0", ALIAS, "en_US", null),
                    bot(botId, "NOSUCHALIA", "en_US", null), bot(botId, ALIAS, "de_DE", null)}) {
                LexRejectedException e = assertThrows(LexRejectedException.class,
                        () -> gateway.getSession(wrong, "CHnew"), wrong.toString());
                assertTrue(e.getMessage().startsWith("GetSession for bot OrderFlowers (" + wrong.botId() + "/"
                        + wrong.botAliasId() + "/" + wrong.localeId() + ") was rejected with HTTP "
                        + (answer == UnknownSessionError.BAD_REQUEST ? "400 (BadRequestException)" : "404 (ResourceNotFoundException)")),
                        e.getMessage());
            }
        });
    }

    @Test
    void theRegistrysTimeZoneDecidesWhatTomorrowIs() throws Exception {
        withLocalLex(UnknownSessionError.RESOURCE_NOT_FOUND, (gateway, botId) -> {
            Map<ZoneId, String> tomorrow = Map.of(ZoneId.of("Pacific/Auckland"), "2026-11-27",
                    ZoneId.of("America/New_York"), "2026-11-26");
            for (Map.Entry<ZoneId, String> expected : tomorrow.entrySet()) {
                BotConfig zoned = bot(botId, ALIAS, "en_US", expected.getKey());
                String session = "CH" + expected.getKey().getId().replace('/', '-');
                gateway.recognizeText(zoned, session, "I want to buy roses", Map.of());

                LexState after = gateway.recognizeText(zoned, session, "tomorrow", Map.of());

                assertEquals(expected.getValue(), after.slots().get("PickupDate"), expected.getKey().getId());
            }
        });
    }
}
