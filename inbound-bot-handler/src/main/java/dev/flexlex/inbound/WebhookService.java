package dev.flexlex.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.chat.BridgeAttributes;
import dev.flexlex.chat.ChatNotFoundException;
import dev.flexlex.chat.ChatPlatformException;
import dev.flexlex.logging.LogIds;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatChannel;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.queue.QueuePublishException;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.registry.BotConfig;
import dev.flexlex.registry.BotRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The webhook's logic: verify, read, decide whether the message is a turn, find the bot, enqueue.
 *
 * <p><b>Whose message is a turn.</b> Only the customer's. A message is <i>not</i> the customer's when
 * <ol>
 *   <li>its author ({@code Author} / {@code From}) is the bot identity ({@code BOT_AUTHOR}), or</li>
 *   <li>its attributes carry the bridge's tag ({@code flexLex}): the bot posted it, whatever the author, or</li>
 *   <li>the chat attributes name the customer ({@code customerIdentity}) and the author is someone else: an agent
 *       or supervisor.</li>
 * </ol>
 * Agents otherwise join only after the handoff, which removes the bot's webhook first. {@code Source} (SDK or
 * API) is not used: customers' messages arrive both ways.
 *
 * <p><b>Which channel.</b> {@code web}, {@code sms} or {@code whatsapp} on Conversations (see {@link #channelOf}),
 * {@code chat} on legacy chat. SMS and WhatsApp have no pre-engagement form: the bot comes from {@code ?bot=} or the
 * registry's default, the customer's name from the chat's attributes when set, else the phone number masked
 * ({@code +1•••••0006}); the customer's identity is the author, the participant's binding address.
 *
 * <p><b>Which bot.</b> {@code ?bot=} on the webhook URL, else the chat's pre-engagement data (from the message
 * attributes when they carry it, else the chat attributes fetched over REST and cached per chat), else the
 * registry's default. A name the registry does not know falls back to the default; with no default the turn is
 * enqueued with {@code botName = null} and the next stage hands the chat to an agent.
 */
public final class WebhookService {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

    private final ChatPlatformKind platform;
    private final TwilioSignatureVerifier signatures;
    private final BotRegistry registry;
    private final ChatFactsSource chatFacts;
    private final BudgetedEnqueue queue;
    private final String botAuthor;
    private final Clock clock;

    public WebhookService(ChatPlatformKind platform, TwilioSignatureVerifier signatures, BotRegistry registry,
                          ChatFactsSource chatFacts, QueuePublisher queue, String botAuthor, Clock clock) {
        this(platform, signatures, registry, chatFacts, BudgetedEnqueue.standard(queue), botAuthor, clock);
    }

    WebhookService(ChatPlatformKind platform, TwilioSignatureVerifier signatures, BotRegistry registry,
                   ChatFactsSource chatFacts, BudgetedEnqueue queue, String botAuthor, Clock clock) {
        this.platform = platform;
        this.signatures = signatures;
        this.registry = registry;
        this.chatFacts = chatFacts;
        this.queue = queue;
        this.botAuthor = botAuthor;
        this.clock = clock;
    }

    public WebhookResponse handle(WebhookRequest request) {
        long arrived = queue.now();
        Map<String, String> form;
        Map<String, String> query;
        try {
            form = FormBody.parse(request.formBody());
            query = FormBody.parse(request.rawQueryString());
        } catch (IllegalArgumentException e) {
            return WebhookResponse.badRequest("body", "body is not valid form encoding");
        }
        if (!signatures.isValid(request.rawQueryString(), form, request.signature())) {
            LOG.warn("webhook rejected: {} X-Twilio-Signature", request.signature() == null ? "missing" : "invalid");
            return WebhookResponse.forbidden();
        }
        MessageEvent event;
        try {
            Optional<MessageEvent> read = MessageEvents.read(form);
            if (read.isEmpty()) {
                LOG.info("webhook event {} is not a new message; ignored", form.get("EventType"));
                return WebhookResponse.ignored("event " + form.get("EventType") + " is not handled");
            }
            event = read.get();
        } catch (WebhookFieldException e) {
            LOG.warn("webhook rejected: field {}: {}", e.field(), e.getMessage());
            return WebhookResponse.badRequest(e.field(), e.getMessage());
        }
        MDC.put(LogIds.CHAT_SID, event.chatSid());
        MDC.put(LogIds.MESSAGE_SID, event.messageSid());
        try {
            return handle(event, query.get("bot"), arrived);
        } finally {
            MDC.remove(LogIds.CHAT_SID);
            MDC.remove(LogIds.MESSAGE_SID);
        }
    }

    private WebhookResponse handle(MessageEvent event, String botOverride, long arrived) {
        if (event.platform() != platform) {
            LOG.warn("webhook from {} but this deployment serves {}", event.platform().wireName(), platform.wireName());
            return WebhookResponse.badRequest("EventType", "event is from " + event.platform().wireName()
                    + " but this deployment serves " + platform.wireName());
        }
        if (botAuthor.equals(event.author()) || BridgeAttributes.isBridgeMessage(event.messageAttributes())) {
            LOG.info("message by the bot itself; ignored");
            return WebhookResponse.ignored("message by the bot");
        }
        ChatFacts facts;
        try {
            facts = factsFor(event);
        } catch (ChatNotFoundException e) {
            LOG.warn("chat no longer exists; message ignored");
            return WebhookResponse.ignored("chat no longer exists");
        } catch (ChatPlatformException e) {
            LOG.error("cannot read the chat's attributes: {}", e.getMessage());
            return WebhookResponse.unavailable("cannot read the chat from Twilio; retry");
        }
        if (facts.customerIdentity() != null && !facts.customerIdentity().equals(event.author())) {
            LOG.info("message by someone other than the customer (an agent); ignored");
            return WebhookResponse.ignored("message not by the customer");
        }
        String requested = botOverride != null && !botOverride.isBlank() ? botOverride : facts.botName();
        String botName = registry.resolve(requested).map(BotConfig::name).orElse(null);
        if (botName == null) {
            LOG.warn("no bot named '{}' and no default bot: the turn goes to an agent", requested);
        } else if (requested != null && !requested.equals(botName)) {
            LOG.warn("no bot named '{}'; using the default bot {}", requested, botName);
        }
        ChatChannel channel = channelOf(event, facts);
        String customerName = facts.customerName() == null && channel.isPhone()
                ? ChatChannel.maskedAddress(event.author()) : facts.customerName();
        BotTurn turn = new BotTurn(BotTurn.SCHEMA_VERSION, event.platform(), event.chatSid(), event.messageSid(),
                event.webhookSid(), event.author(), customerName, botName, event.body(), clock.instant(),
                event.mediaCount(), channel);
        try {
            queue.publish(arrived, event.chatSid(), event.messageSid(), turn);
        } catch (QueuePublishException e) {
            LOG.error("turn not enqueued within the webhook's time budget; answering 5xx: {}", e.getMessage());
            return WebhookResponse.unavailable("turn not enqueued; retry");
        }
        LOG.info("turn enqueued for bot {} on {} ({} chars, {} media)", botName, channel.wireName(), event.body().length(),
                event.mediaCount());
        return WebhookResponse.accepted(event.messageSid());
    }

    /**
     * Legacy chat is {@code chat}. On Conversations a message carrying the webchat's pre-engagement data, or a chat
     * whose attributes name the customer's identity, is {@code web}; otherwise the author tells: an SMS or WhatsApp participant
     * has a {@code messaging_binding} and no identity, and authors its messages as its binding address.
     */
    private static ChatChannel channelOf(MessageEvent event, ChatFacts facts) {
        if (event.platform() == ChatPlatformKind.CHAT) {
            return ChatChannel.CHAT;
        }
        if (facts.customerIdentity() != null || ChatFacts.hasPreEngagement(BridgeAttributes.parse(event.messageAttributes()))) {
            return ChatChannel.WEB;
        }
        return ChatChannel.ofConversationsAuthor(event.author());
    }

    private ChatFacts factsFor(MessageEvent event) {
        ObjectNode messageAttributes = BridgeAttributes.parse(event.messageAttributes());
        if (ChatFacts.hasPreEngagement(messageAttributes)) {
            return ChatFacts.of(messageAttributes);
        }
        return chatFacts.facts(event.platform(), event.serviceSid(), event.chatSid());
    }
}
