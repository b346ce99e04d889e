package dev.flexlex.locallex;

import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.http.LexErrorResponses;
import dev.flexlex.locallex.http.LexHttpHandler;
import dev.flexlex.locallex.runtime.AliasConcurrencyLimiter;
import dev.flexlex.locallex.runtime.BotRegistry;
import dev.flexlex.locallex.runtime.LexRuntimeService;
import dev.flexlex.locallex.runtime.SessionStore;
import dev.flexlex.locallex.runtime.UnknownSessionError;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lex V2 runtime on 127.0.0.1 serving RecognizeText, GetSession, PutSession and DeleteSession for the
 * given bots, over HTTP/1.1 and cleartext HTTP/2 with prior knowledge (h2c) on one port.
 *
 * <pre>{@code
 * try (LocalLexServer lex = LocalLexServer.builder().port(0).bots(bots).start()) {
 *     LexRuntimeV2Client client = LexRuntimeV2Client.builder().endpointOverride(lex.baseUrl())...build();
 * }
 * }</pre>
 */
public final class LocalLexServer implements AutoCloseable {

    /** Lex's test alias; every bot answers on it. */
    public static final String TEST_ALIAS_ID = "TSTALIASID";
    /** Lex's default quota of concurrent text conversations per alias. */
    public static final int DEFAULT_ALIAS_CONCURRENCY_LIMIT = 25;
    /** The cap of the test alias (Lex allows far fewer concurrent requests there than on a published alias). */
    public static final int DEFAULT_TEST_ALIAS_CONCURRENCY_LIMIT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LocalLexServer.class);
    /** Session state headers are base64 of gzipped JSON and can be long; Jetty's 8 KiB default is too tight. */
    private static final int HEADER_BYTES = 64 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final SessionStore sessions;

    private LocalLexServer(Builder builder) throws Exception {
        BotRegistry registry = new BotRegistry(builder.bots);
        Map<String, Integer> limits = new HashMap<>();
        limits.put(TEST_ALIAS_ID, DEFAULT_TEST_ALIAS_CONCURRENCY_LIMIT);
        limits.putAll(builder.aliasLimits);
        sessions = new SessionStore(builder.clock);
        LexRuntimeService service = new LexRuntimeService(registry, sessions,
                new AliasConcurrencyLimiter(builder.defaultAliasLimit, limits), builder.defaultTimeZone,
                builder.unknownSessionError);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("local-lex");
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        config.setRequestHeaderSize(HEADER_BYTES);
        config.setResponseHeaderSize(HEADER_BYTES);
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
        h2c.setMaxFrameSize(HEADER_BYTES);
        connector = new ServerConnector(server, new HttpConnectionFactory(config), h2c);
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        server.addConnector(connector);
        server.setHandler(new LexHttpHandler(service));
        server.setErrorHandler(new LexErrorResponses());
        server.start();
        for (LexBot bot : registry.bots()) {
            LOG.info("Serving bot name={} botId={} aliasIds={} locales={} idleSessionTtl={}", bot.name(), bot.botId(),
                    bot.aliasIds(), bot.localeIds(), bot.idleSessionTtl());
        }
        LOG.info("local-lex listening on {} (HTTP/1.1 and h2c), default time zone {}, unknown session error {}",
                baseUrl(), builder.defaultTimeZone, builder.unknownSessionError.flagValue());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint to give an SDK's {@code endpointOverride}, e.g. {@code http://127.0.0.1:8090}. */
    public URI baseUrl() {
        return URI.create("http://" + connector.getHost() + ":" + port());
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Sessions held in memory (live, mid-turn or expired but not yet swept). */
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        LOG.info("local-lex stopped");
    }

    /** Configures and starts a {@link LocalLexServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final List<LexBot> bots = new ArrayList<>();
        private ZoneId defaultTimeZone = ZoneId.of("UTC");
        private Clock clock = Clock.systemUTC();
        private int defaultAliasLimit = DEFAULT_ALIAS_CONCURRENCY_LIMIT;
        private final Map<String, Integer> aliasLimits = new HashMap<>();
        private UnknownSessionError unknownSessionError = UnknownSessionError.RESOURCE_NOT_FOUND;

        private Builder() {
        }

        /** The interface to listen on; 127.0.0.1 unless set. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 (the default) picks a free one, see {@link LocalLexServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder bots(Collection<? extends LexBot> bots) {
            this.bots.addAll(bots);
            return this;
        }

        public Builder bot(LexBot bot) {
            this.bots.add(Objects.requireNonNull(bot, "bot"));
            return this;
        }

        /** The zone relative dates resolve in when a request has no {@code x-amz-lex:time-zone}; UTC unless set. */
        public Builder defaultTimeZone(ZoneId zone) {
            this.defaultTimeZone = Objects.requireNonNull(zone, "defaultTimeZone");
            return this;
        }

        /** The clock session expiry runs on; tests pass one they can advance. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The cap of concurrent RecognizeText requests per alias (default 25); 0 or less means no cap. */
        public Builder aliasConcurrencyLimit(int limit) {
            this.defaultAliasLimit = limit;
            return this;
        }

        /** The cap of one alias id (default 2 for {@code TSTALIASID}); 0 or less means no cap. */
        public Builder aliasConcurrencyLimit(String aliasId, int limit) {
            this.aliasLimits.put(Objects.requireNonNull(aliasId, "aliasId"), limit);
            return this;
        }

        /**
         * What GetSession answers for an unknown session (and, with {@code BAD_REQUEST}, for an unknown bot, alias
         * or locale too): {@code RESOURCE_NOT_FOUND} (the service model's answer, the default) or
         * {@code BAD_REQUEST} (the API reference's text).
         */
        public Builder unknownSessionError(UnknownSessionError answer) {
            this.unknownSessionError = Objects.requireNonNull(answer, "unknownSessionError");
            return this;
        }

        public LocalLexServer start() throws Exception {
            if (bots.isEmpty()) {
                throw new IllegalStateException("local-lex needs at least one bot");
            }
            return new LocalLexServer(this);
        }
    }
}
