package dev.flexlex.process.lex;

import dev.flexlex.registry.BotConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.lexruntimev2.model.Button;
import software.amazon.awssdk.services.lexruntimev2.model.ConflictException;
import software.amazon.awssdk.services.lexruntimev2.model.GetSessionResponse;
import software.amazon.awssdk.services.lexruntimev2.model.ImageResponseCard;
import software.amazon.awssdk.services.lexruntimev2.model.Intent;
import software.amazon.awssdk.services.lexruntimev2.model.Message;
import software.amazon.awssdk.services.lexruntimev2.model.RecognizeTextResponse;
import software.amazon.awssdk.services.lexruntimev2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lexruntimev2.model.SessionState;
import software.amazon.awssdk.services.lexruntimev2.model.Slot;

/**
 * {@link LexGateway} over the AWS SDK's {@link LexRuntimeV2Client}. Build the client with the SDK's retries off
 * (see {@code AwsClients.lexRuntime()}): whole turns are retried by the caller, after re-reading the session.
 */
public final class SdkLexGateway implements LexGateway {
    private static final Pattern NAMES_SESSION = Pattern.compile("\\bsession");
    private static final Pattern NAMES_BOT_ALIAS_OR_LOCALE = Pattern.compile("\\b(bot|alias|locale)");

    private final LexRuntimeV2Client lex;

    public SdkLexGateway(LexRuntimeV2Client lex) {
        this.lex = lex;
    }

    @Override
    public Optional<LexState> getSession(BotConfig bot, String sessionId) {
        GetSessionResponse response;
        try {
            response = lex.getSession(r -> r.botId(bot.botId()).botAliasId(bot.botAliasId())
                    .localeId(bot.localeId()).sessionId(sessionId));
        } catch (SdkException e) {
            if (isNoSuchSession(e)) {
                return Optional.empty();
            }
            throw classify("GetSession", bot, e);
        }
        return Optional.of(toState(response.messages(), response.sessionState()));
    }

    @Override
    public LexState recognizeText(BotConfig bot, String sessionId, String text, Map<String, String> sessionAttributes) {
        RecognizeTextResponse response;
        try {
            response = lex.recognizeText(r -> r.botId(bot.botId()).botAliasId(bot.botAliasId())
                    .localeId(bot.localeId()).sessionId(sessionId).text(text)
                    .sessionState(s -> s.sessionAttributes(sessionAttributes))
                    .requestAttributes(requestAttributes(bot)));
        } catch (SdkException e) {
            throw classify("RecognizeText", bot, e);
        }
        return toState(response.messages(), response.sessionState());
    }

    /** The request attributes of every RecognizeText: the bot's time zone, when the registry gives one. */
    static Map<String, String> requestAttributes(BotConfig bot) {
        return bot.timeZone() == null ? Map.of() : Map.of(BotConfig.TIME_ZONE_ATTRIBUTE, bot.timeZone().getId());
    }

    /**
     * Whether GetSession's error says "this session does not exist yet" (a new conversation), as opposed to an
     * unknown bot, alias or locale, which must fail loudly. Lex documents two answers for a missing session: the
     * service model lists {@code ResourceNotFoundException} (404), the API reference text says
     * {@code BadRequestException} (400, a code the model does not define) for a missing bot, alias, locale
     * <em>or</em> session alike. Neither documents the message, so the message decides: it names the session →
     * no session yet; it names the bot, alias or locale (and no session) → rejected; it names none of them →
     * taken as no session, and the RecognizeText that follows fails loudly if the bot is really missing.
     */
    static boolean isNoSuchSession(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return false;
        }
        String code = errorCode(service);
        boolean notFound = e instanceof ResourceNotFoundException || "ResourceNotFoundException".equals(code)
                || (service.statusCode() == 400 && "BadRequestException".equals(code));
        if (!notFound) {
            return false;
        }
        String message = errorMessage(service);
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (NAMES_SESSION.matcher(text).find()) {
            return true;
        }
        return !NAMES_BOT_ALIAS_OR_LOCALE.matcher(text).find();
    }

    static RuntimeException classify(String operation, BotConfig bot, SdkException e) {
        String what = operation + " for bot " + bot.name() + " (" + bot.botId() + "/" + bot.botAliasId() + "/"
                + bot.localeId() + ")";
        if (e instanceof SdkClientException) {
            return new LexTransientException(what + " could not reach Lex: " + e.getMessage(), e);
        }
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            // 409: another request for this session is in flight (e.g. a Lambda retry racing us): wait and re-read.
            if (service.isThrottlingException() || status == 429 || status >= 500 || e instanceof ConflictException) {
                return new LexTransientException(what + " failed with HTTP " + status + " ("
                        + errorCode(service) + ")", e);
            }
            return new LexRejectedException(what + " was rejected with HTTP " + status + " (" + errorCode(service)
                    + "): " + errorMessage(service), e);
        }
        return new LexTransientException(what + " failed: " + e.getMessage(), e);
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
    }

    private static String errorMessage(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
    }

    private static LexState toState(List<Message> messages, SessionState state) {
        List<LexMessage> converted = new ArrayList<>();
        if (messages != null) {
            for (Message message : messages) {
                converted.add(toMessage(message));
            }
        }
        if (state == null) {
            return new LexState(converted, null, null, Map.of(), Map.of(), null);
        }
        Intent intent = state.intent();
        return new LexState(converted,
                intent == null ? null : intent.name(),
                intent == null ? null : intent.stateAsString(),
                intent == null ? Map.of() : slots(intent.slots()),
                state.sessionAttributes(),
                state.dialogAction() == null ? null : state.dialogAction().typeAsString());
    }

    private static LexMessage toMessage(Message message) {
        ImageResponseCard card = message.imageResponseCard();
        if (card == null) {
            return new LexMessage(message.contentTypeAsString(), message.content(), null, null, List.of());
        }
        List<String> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Button button : card.buttons()) {
            values.add(button.value());
            texts.add(button.text());
        }
        return new LexMessage(message.contentTypeAsString(), message.content(), card.title(), card.subtitle(), values,
                texts);
    }

    private static Map<String, String> slots(Map<String, Slot> slots) {
        Map<String, String> values = new LinkedHashMap<>();
        if (slots == null) {
            return values;
        }
        slots.forEach((name, slot) -> {
            if (slot != null && slot.value() != null) {
                String value = slot.value().interpretedValue() != null ? slot.value().interpretedValue()
                        : slot.value().originalValue();
                if (value != null) {
                    values.put(name, value);
                }
            }
        });
        return values;
    }
}
