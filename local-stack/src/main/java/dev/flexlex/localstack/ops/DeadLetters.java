package dev.flexlex.localstack.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The stack's queues over the SQS API (the real AWS SDK client against ElasticMQ): their depths, the messages of a
 * dead-letter queue shown by their ids only, and the redrive of a dead-letter queue to its source queue.
 *
 * <p><b>Redrive.</b> SQS does it with {@code StartMessageMoveTask} (source = the DLQ, no destination: "the messages
 * will be redriven back to their respective original source queues"; FIFO DLQs included, the move keeping each message's
 * group). ElasticMQ 1.7.1 accepts the call on a FIFO queue but moves nothing: its move task pops messages from the
 * queue's plain message list, which its FIFO queue never fills (it keeps messages per group), and the task reports
 * COMPLETED with 0 moved ({@code ElasticMqMoveTaskIT} shows it). So the stack moves them the way the move task
 * does, over the same API: receive (all attributes), send to the queue named by the message's
 * {@code DeadLetterQueueSourceArn} with the same body, message attributes, {@code MessageGroupId} and
 * {@code MessageDeduplicationId}, then delete from the DLQ. A crash between send and delete leaves the message in the
 * DLQ as well; redriven again within 5 minutes, the source queue drops the copy by its deduplication id. Like the
 * move task, it moves at most the messages the DLQ held when it started (a message that fails again meanwhile is not
 * moved round in a loop), one redrive per queue at a time.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Set<String> NEXT_STEPS = Set.of("WAIT_FOR_MESSAGE", "AGENT", "CLOSE_CHAT");
    private static final Set<String> PLATFORMS = Set.of("conversations", "chat");
    /** How long a message taken for a redrive stays invisible if the redrive dies before it is sent and deleted. */
    static final int REDRIVE_VISIBILITY_SECONDS = 30;
    /** Messages listed per dead-letter queue (one receive). */
    static final int LISTED = 10;

    private final SqsClient sqs;
    private final Map<String, String> queueUrls;
    private final Map<String, String> sourceOf;
    private final Set<String> redriving = ConcurrentHashMap.newKeySet();

    /**
     * @param queueUrls queue URLs by the template's logical id
     * @param sourceOf  each dead-letter queue's logical id to the logical id of the queue that redrives into it
     */
    public DeadLetters(SqsClient sqs, Map<String, String> queueUrls, Map<String, String> sourceOf) {
        this.sqs = sqs;
        this.queueUrls = Map.copyOf(queueUrls);
        this.sourceOf = Map.copyOf(sourceOf);
    }

    /** A queue's depth: messages available, and in flight (received, not yet deleted or visible again). */
    public record Depth(String queue, boolean deadLetterQueue, String source, long visible, long inFlight) {
    }

    /**
     * A dead-lettered message as an operator sees it: ids, counts and times, never its text.
     *
     * @param receiveCount SQS's {@code ApproximateReceiveCount}: the receives on the source queue, plus one for each
     *                     time the dead-letter queue was listed (listing is a receive)
     */
    public record DeadLetter(String messageId, String chatSid, String messageSid, String botName, String platform,
                             String nextStep, int replyParts, int receiveCount, String sentAt, String sourceQueue) {
    }

    /** What a redrive did. */
    public record RedriveResult(String queue, String destination, int moved, int toMove) {
    }

    public List<Depth> depths() {
        List<Depth> out = new ArrayList<>();
        queueUrls.keySet().stream().sorted().forEach(queue -> {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrls.get(queue))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            out.add(new Depth(queue, sourceOf.containsKey(queue), sourceOf.get(queue),
                    Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                    Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))));
        });
        return out;
    }

    /** The dead-letter queues' logical ids. */
    public List<String> deadLetterQueues() {
        return sourceOf.keySet().stream().sorted().toList();
    }

    /**
     * Up to {@link #LISTED} messages of a dead-letter queue, read with one receive whose visibility timeout is 0 (they
     * stay available, as SQS's console leaves them once its poll ends); each listing adds one to their receive count.
     */
    public List<DeadLetter> list(String dlq) {
        String url = dlqUrl(dlq);
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(LISTED).visibilityTimeout(0)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        return messages.stream().map(DeadLetters::view).toList();
    }

    static DeadLetter view(Message m) {
        Map<MessageSystemAttributeName, String> a = m.attributes();
        JsonNode body;
        try {
            body = JSON.readTree(m.body());
        } catch (java.io.IOException e) {
            body = JSON.createObjectNode();
        }
        String group = a.get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        String chatSid = pick(body, "chatSid", SID);
        String sent = a.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String source = a.get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN);
        JsonNode parts = body.path("messages");
        return new DeadLetter(m.messageId(), chatSid != null ? chatSid : (group != null && SID.matcher(group).matches() ? group : null),
                pick(body, "messageSid", SID), pick(body, "botName", NAME),
                PLATFORMS.contains(body.path("platform").asText()) ? body.path("platform").asText() : null,
                NEXT_STEPS.contains(body.path("nextStep").asText()) ? body.path("nextStep").asText() : null,
                parts.isArray() ? parts.size() : 0,
                Integer.parseInt(a.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0")),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)).toString(),
                source == null ? null : source.substring(source.lastIndexOf(':') + 1));
    }

    private static String pick(JsonNode body, String field, Pattern allowed) {
        JsonNode v = body.get(field);
        return v != null && v.isTextual() && allowed.matcher(v.asText()).matches() ? v.asText() : null;
    }

    /**
     * Moves the messages of dead-letter queue {@code dlq} back to their source queue.
     *
     * @throws IllegalArgumentException when {@code dlq} is not a dead-letter queue of the stack
     * @throws IllegalStateException    when a redrive of {@code dlq} is already running
     */
    public RedriveResult redrive(String dlq) {
        String url = dlqUrl(dlq);
        if (!redriving.add(dlq)) {
            throw new IllegalStateException("a redrive of " + dlq + " is already running");
        }
        try {
            int toMove = Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            int moved = 0;
            while (moved < toMove) {
                int max = Math.min(10, toMove - moved);
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(max)
                        .visibilityTimeout(REDRIVE_VISIBILITY_SECONDS).waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
                if (batch.isEmpty()) {
                    break;
                }
                for (Message m : batch) {
                    String destination = destinationUrl(dlq, m);
                    Map<MessageSystemAttributeName, String> a = m.attributes();
                    SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(destination).messageBody(m.body())
                            .messageAttributes(m.messageAttributes());
                    if (a.containsKey(MessageSystemAttributeName.MESSAGE_GROUP_ID)) {
                        send.messageGroupId(a.get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
                    }
                    if (a.containsKey(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)) {
                        send.messageDeduplicationId(a.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
                    }
                    String newId = sqs.sendMessage(send.build()).messageId();
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                    moved++;
                    LOG.info("redrive {}: message {} (chat {}) moved to {} as {}", dlq, m.messageId(),
                            a.get(MessageSystemAttributeName.MESSAGE_GROUP_ID), sourceQueueName(destination), newId);
                }
            }
            return new RedriveResult(dlq, sourceOf.get(dlq), moved, toMove);
        } finally {
            redriving.remove(dlq);
        }
    }

    private String dlqUrl(String dlq) {
        if (dlq == null || !sourceOf.containsKey(dlq)) {
            throw new IllegalArgumentException("no dead-letter queue " + dlq + "; the stack's are " + deadLetterQueues());
        }
        return queueUrls.get(dlq);
    }

    /** The queue the message came from (its {@code DeadLetterQueueSourceArn}), else the queue that redrives into the DLQ. */
    private String destinationUrl(String dlq, Message m) {
        String arn = m.attributes().get(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN);
        if (arn != null) {
            String name = arn.substring(arn.lastIndexOf(':') + 1);
            for (Map.Entry<String, String> e : queueUrls.entrySet()) {
                if (sourceQueueName(e.getValue()).equals(name)) {
                    return e.getValue();
                }
            }
        }
        return queueUrls.get(sourceOf.get(dlq));
    }

    private static String sourceQueueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
