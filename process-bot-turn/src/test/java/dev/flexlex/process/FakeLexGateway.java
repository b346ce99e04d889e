package dev.flexlex.process;

import dev.flexlex.process.lex.LexGateway;
import dev.flexlex.process.lex.LexMessage;
import dev.flexlex.process.lex.LexState;
import dev.flexlex.registry.BotConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fake of our {@link LexGateway} that behaves like Lex where the bridge depends on it: RecognizeText replaces the
 * stored attributes with the ones sent and GetSession returns the last turn's messages and state. Answers are
 * scripted per text; failures can be queued for either call, and {@link #failAfterApplying} makes the next
 * RecognizeText change the session and then fail (Lex did the turn, we never heard).
 */
final class FakeLexGateway implements LexGateway {
    record Recognize(String botId, String sessionId, String text, Map<String, String> attributes) {
    }

    record Answer(String intent, String state, Map<String, String> slots, List<LexMessage> messages) {
    }

    final List<String> calls = new ArrayList<>();
    /** Runs at every call (tests advance a clock with it). */
    Runnable onCall = () -> { };
    final List<Recognize> recognized = new ArrayList<>();
    final Map<String, LexState> sessions = new HashMap<>();
    private final Map<String, Answer> script = new HashMap<>();
    private final Deque<RuntimeException> getSessionFailures = new ArrayDeque<>();
    private final Deque<RuntimeException> recognizeFailures = new ArrayDeque<>();
    private RuntimeException failAfterApplying;

    FakeLexGateway answer(String text, String intent, String state, String... messages) {
        return answer(text, new Answer(intent, state, Map.of(), texts(messages)));
    }

    FakeLexGateway answer(String text, Answer answer) {
        script.put(text, answer);
        return this;
    }

    FakeLexGateway failGetSession(RuntimeException e) {
        getSessionFailures.add(e);
        return this;
    }

    FakeLexGateway failRecognize(RuntimeException e) {
        recognizeFailures.add(e);
        return this;
    }

    FakeLexGateway failAfterApplying(RuntimeException e) {
        failAfterApplying = e;
        return this;
    }

    static List<LexMessage> texts(String... messages) {
        List<LexMessage> list = new ArrayList<>();
        for (String message : messages) {
            list.add(LexMessage.plainText(message));
        }
        return list;
    }

    @Override
    public Optional<LexState> getSession(BotConfig bot, String sessionId) {
        calls.add("GetSession " + sessionId);
        onCall.run();
        if (!getSessionFailures.isEmpty()) {
            throw getSessionFailures.poll();
        }
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public LexState recognizeText(BotConfig bot, String sessionId, String text, Map<String, String> sessionAttributes) {
        calls.add("RecognizeText " + sessionId);
        onCall.run();
        if (!recognizeFailures.isEmpty()) {
            throw recognizeFailures.poll();
        }
        recognized.add(new Recognize(bot.botId(), sessionId, text, new LinkedHashMap<>(sessionAttributes)));
        Answer answer = script.getOrDefault(text,
                new Answer("FallbackIntent", "ReadyForFulfillment", Map.of(), texts("Sorry, can you rephrase?")));
        LexState state = new LexState(answer.messages(), answer.intent(), answer.state(), answer.slots(),
                sessionAttributes, "Close");
        sessions.put(sessionId, state);
        if (failAfterApplying != null) {
            RuntimeException e = failAfterApplying;
            failAfterApplying = null;
            throw e;
        }
        return state;
    }
}
