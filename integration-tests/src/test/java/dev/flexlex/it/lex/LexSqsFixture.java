package dev.flexlex.it.lex;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.it.events.StreamHandlers;
import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.process.BotTurnHandler;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.registry.BotRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.lexruntimev2.model.GetSessionResponse;
import software.amazon.awssdk.services.lexruntimev2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real servers on 127.0.0.1 for the Lex-side integration tests: ElasticMQ (SQS) and the local Lex serving the
 * OrderFlowers bot of ../template.yaml; real AWS SDK clients built by our {@link AwsClients}. Also plays the part
 * of Lambda's SQS event source mapping: receive a batch, invoke the handler, delete what it did not report failed.
 */
final class LexSqsFixture implements AutoCloseable {
    static final String ALIAS = LocalLexServer.TEST_ALIAS_ID;

    final SQSRestServer sqsServer;
    final LocalLexServer lexServer;
    final HoldingBot bot;
    final SqsClient sqs;
    final LexRuntimeV2Client lex;
    /**
     * Clients without the functions' call timeouts ({@code CallTimeouts}), for the tests' own calls: creating queues,
     * and turns held inside the local Lex for as long as a test needs. Used once at start to warm ElasticMQ and the
     * SDK up (their first calls take seconds on a busy machine; Lambda's SnapStart primes that away).
     */
    final SqsClient setupSqs;
    final LexRuntimeV2Client heldLex;
    final BotRegistry registry;

    LexSqsFixture() throws Exception {
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(0).start();
        Http.ServerBinding binding = sqsServer.waitUntilStarted();
        URI sqsEndpoint = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
        List<LexBot> bots = BotLoader.load(Path.of("../template.yaml"));
        LexBot orderFlowers = bots.stream().filter(b -> b.name().equals("OrderFlowers")).findFirst().orElseThrow();
        bot = new HoldingBot(orderFlowers);
        lexServer = LocalLexServer.builder().port(0).bot(bot).start();
        AwsClients clients = new AwsClients(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                Optional.of(sqsEndpoint), Optional.of(lexServer.baseUrl()), Optional.empty());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        setupSqs = SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(sqsEndpoint).httpClient(UrlConnectionHttpClient.create()).build();
        heldLex = LexRuntimeV2Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(lexServer.baseUrl()).httpClient(UrlConnectionHttpClient.create()).build();
        setupSqs.listQueues();
        try {
            heldLex.getSession(r -> r.botId(bot.botId()).botAliasId(ALIAS).localeId("en_US").sessionId("warm-up"));
        } catch (ResourceNotFoundException expected) {
            // no such session: the call went through
        }
        sqs = clients.sqs();
        lex = clients.lexRuntime();
        registry = BotRegistry.parse("{\"defaultBot\":\"OrderFlowers\",\"bots\":{\"OrderFlowers\":{\"botId\":\""
                + bot.botId() + "\",\"botAliasId\":\"" + ALIAS + "\",\"localeId\":\"en_US\","
                + "\"agentIntents\":[\"TalkToAgent\"],\"closingIntents\":[\"OrderFlowers\"],\"fallbackLimit\":2}}}");
    }

    /** A new FIFO queue (unique name), as the template defines it: no content-based deduplication. */
    String fifoQueue(String prefix) {
        return setupSqs.createQueue(r -> r.queueName(prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                        QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
    }

    static BotTurn turn(String chatSid, String messageSid, String text) {
        return new BotTurn(1, ChatPlatformKind.CONVERSATIONS, chatSid, messageSid, null, "customer-" + chatSid,
                "Customer", "OrderFlowers", text, Instant.now());
    }

    /** Enqueues a turn the way the inbound handler does (group = chat SID, dedup id = message SID). */
    void send(String queueUrl, BotTurn turn) {
        new SqsQueuePublisher(sqs, queueUrl).publish(turn.chatSid(), turn.messageSid(), turn);
    }

    /**
     * One poll of the event source mapping: up to {@code max} messages to the handler; messages it succeeded on are
     * deleted; the ones it reported are made visible again at once (Lambda waits for the visibility timeout; the
     * tests skip the wait). Returns the reported message ids; empty list and no call when nothing was received.
     */
    Poll poll(String queueUrl, BotTurnHandler handler, int max) {
        return poll(queueUrl, handler, max, true);
    }

    /**
     * One poll whose function dies after the handler returned, before Lambda deleted anything: every message of the
     * batch, handled or not, is made visible again at once.
     */
    Poll pollThenDie(String queueUrl, BotTurnHandler handler, int max) {
        return poll(queueUrl, handler, max, false);
    }

    private Poll poll(String queueUrl, BotTurnHandler handler, int max, boolean deleteHandled) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(max)
                .waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return new Poll(0, List.of(), List.of());
        }
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        SQSBatchResponse response = StreamHandlers.sqs(handler).handleRequest(event, null);
        Set<String> failed = new HashSet<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        List<String> receiveCounts = new ArrayList<>();
        for (Message message : messages) {
            receiveCounts.add(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
            if (failed.contains(message.messageId()) || !deleteHandled) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                        .visibilityTimeout(0));
            } else {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        List<String> failedIds = new ArrayList<>();
        response.getBatchItemFailures().forEach(f -> failedIds.add(f.getItemIdentifier()));
        return new Poll(messages.size(), failedIds, receiveCounts);
    }

    record Poll(int received, List<String> failed, List<String> receiveCounts) {
    }

    record Received(String groupId, String dedupId, BotReply reply) {
    }

    /** Everything now on the outbound queue, in the order SQS hands it out, deleted as read. */
    List<Received> drain(String queueUrl) {
        List<Received> all = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                return all;
            }
            for (Message message : messages) {
                all.add(new Received(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                        message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID),
                        Json.readBotReply(message.body())));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** What the local Lex holds for a chat, read with the real GetSession. */
    GetSessionResponse session(String chatSid) {
        return lex.getSession(r -> r.botId(bot.botId()).botAliasId(ALIAS).localeId("en_US").sessionId(chatSid));
    }

    @Override
    public void close() throws Exception {
        bot.releaseAll();
        sqs.close();
        lex.close();
        setupSqs.close();
        heldLex.close();
        lexServer.close();
        sqsServer.stopAndWait();
    }
}
