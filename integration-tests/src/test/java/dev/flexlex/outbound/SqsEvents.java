package dev.flexlex.outbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.queue.SqsEventJson;
import java.util.List;

/** The SQS events the handler is fed: the files of {@code events/} (those {@code sam local invoke} uses), or built in their shape. */
final class SqsEvents {
    private SqsEvents() {
    }

    static ObjectNode load(String file) {
        return SqsEventJson.file(file);
    }

    static ObjectNode event(ObjectNode... records) {
        return SqsEventJson.event(records);
    }

    static ObjectNode message(String id, String body, int receiveCount) {
        return SqsEventJson.record(id, body, receiveCount);
    }

    /** The event through Lambda's entry point; the message ids reported as batch item failures. */
    static List<String> handle(BotReplyHandler handler, ObjectNode event, Context context) {
        return SqsEventJson.failures((in, out) -> handler.handleRequest(in, out, context), event);
    }
}
