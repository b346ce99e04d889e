package dev.flexlex.locallex.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.bot.TurnResult;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake of our own {@link LexBot} seam for the protocol layer's tests: it plays the OrderFlowers
 * conversation of AWS's published trace (ElicitSlot FlowerType → PickupDate → PickupTime → ConfirmIntent →
 * Close) by script, taking each answer verbatim as the slot value, and records every call. A
 * {@link #onTurn(Runnable) hook} runs inside each turn, so tests can hold a turn open or make it fail.
 */
public final class ScriptedOrderFlowersBot implements LexBot {

    public static final String BOT_ID = "ORDFLOWERS";
    public static final String PROD_ALIAS_ID = "PRODALIAS1";
    public static final String LOCALE = "en_US";
    public static final Duration IDLE_TTL = Duration.ofMinutes(5);
    private static final List<String> SLOTS = List.of("FlowerType", "PickupDate", "PickupTime");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One call as the engine received it. */
    public record Call(String localeId, ObjectNode incomingState, String text, Map<String, String> requestAttributes,
                       ZoneId timeZone) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Runnable hook = () -> { };

    @Override
    public String name() {
        return "OrderFlowers";
    }

    @Override
    public String botId() {
        return BOT_ID;
    }

    @Override
    public Set<String> aliasIds() {
        return Set.of("TSTALIASID", PROD_ALIAS_ID);
    }

    @Override
    public Set<String> localeIds() {
        return Set.of(LOCALE);
    }

    @Override
    public Duration idleSessionTtl() {
        return IDLE_TTL;
    }

    /** Runs {@code hook} inside every following turn, after the call is recorded. */
    public void onTurn(Runnable hook) {
        this.hook = hook;
    }

    public List<Call> calls() {
        return calls;
    }

    public Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    @Override
    public TurnResult recognizeText(String localeId, ObjectNode incomingState, String text,
                                    Map<String, String> requestAttributes, ZoneId timeZone) {
        calls.add(new Call(localeId, incomingState.deepCopy(), text, requestAttributes, timeZone));
        hook.run();
        ObjectNode state = incomingState.deepCopy();
        JsonNode intent = state.get("intent");
        String action = state.path("dialogAction").path("type").asText("");
        boolean ordering = intent != null && "OrderFlowers".equals(intent.path("name").asText())
                && !"Close".equals(action);
        if (ordering && "ConfirmIntent".equals(action)) {
            return confirm(state, text);
        }
        if (ordering && "ElicitSlot".equals(action)) {
            fill((ObjectNode) intent, state.path("dialogAction").path("slotToElicit").asText(), text);
            return next(state);
        }
        if (ordering) {
            return next(state);
        }
        if (text.toLowerCase(Locale.ROOT).contains("flower")) {
            ObjectNode slots = MAPPER.createObjectNode();
            SLOTS.forEach(slots::putNull);
            state.set("intent", MAPPER.createObjectNode().put("name", "OrderFlowers").<ObjectNode>set("slots", slots)
                    .put("state", "InProgress").put("confirmationState", "None"));
            return next(state);
        }
        state.set("intent", MAPPER.createObjectNode().put("name", "FallbackIntent").put("state", "Failed")
                .put("confirmationState", "None"));
        state.set("dialogAction", MAPPER.createObjectNode().put("type", "Close"));
        return result(state, "Sorry, I can only help you order flowers.", 0.0);
    }

    private TurnResult next(ObjectNode state) {
        ObjectNode intent = (ObjectNode) state.get("intent");
        for (String slot : SLOTS) {
            if (intent.path("slots").path(slot).isMissingNode() || intent.path("slots").path(slot).isNull()) {
                state.set("dialogAction", MAPPER.createObjectNode().put("type", "ElicitSlot").put("slotToElicit", slot));
                return result(state, prompt(slot), 0.93);
            }
        }
        state.set("dialogAction", MAPPER.createObjectNode().put("type", "ConfirmIntent"));
        return result(state, "Okay, your " + value(intent, "FlowerType") + " will be ready for pickup by "
                + value(intent, "PickupTime") + " on " + value(intent, "PickupDate") + ". Does this sound okay?", 0.93);
    }

    private TurnResult confirm(ObjectNode state, String text) {
        ObjectNode intent = (ObjectNode) state.get("intent");
        state.set("dialogAction", MAPPER.createObjectNode().put("type", "Close"));
        if (text.toLowerCase(Locale.ROOT).startsWith("y")) {
            intent.put("state", "Fulfilled").put("confirmationState", "Confirmed");
            return result(state, "Thanks. Your order has been placed.", 0.95);
        }
        intent.put("state", "Failed").put("confirmationState", "Denied");
        return result(state, "Okay, I will not place your order.", 0.95);
    }

    private static void fill(ObjectNode intent, String slot, String text) {
        ObjectNode value = MAPPER.createObjectNode().put("originalValue", text).put("interpretedValue", text);
        value.putArray("resolvedValues").add(text);
        intent.withObjectProperty("slots").set(slot, MAPPER.createObjectNode().set("value", value));
    }

    private static String value(ObjectNode intent, String slot) {
        return intent.path("slots").path(slot).path("value").path("interpretedValue").asText();
    }

    private static String prompt(String slot) {
        return switch (slot) {
            case "FlowerType" -> "What type of flowers would you like to order?";
            case "PickupDate" -> "What day do you want the flowers to be picked up?";
            default -> "At what time do you want the flowers to be picked up?";
        };
    }

    private static TurnResult result(ObjectNode state, String message, double score) {
        ArrayNode messages = MAPPER.createArrayNode();
        messages.addObject().put("contentType", "PlainText").put("content", message);
        ArrayNode interpretations = MAPPER.createArrayNode();
        ObjectNode best = interpretations.addObject();
        best.set("intent", state.get("intent").deepCopy());
        if (score > 0) {
            best.putObject("nluConfidence").put("score", score);
            interpretations.addObject().putObject("intent").put("name", "FallbackIntent");
        }
        return new TurnResult(messages, interpretations, state);
    }
}
