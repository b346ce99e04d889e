package dev.flexlex.config;

import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.registry.BotRegistryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads environment variables for a module's config class, failing fast with a {@link ConfigException} that
 * names the variable (never its value: some hold ARNs or URLs a log should not spread).
 *
 * <p>Built over a map so tests pass their own environment: {@code new Env(Map.of(...))}.
 */
public final class Env {
    public static final String AWS_REGION = "AWS_REGION";
    public static final String CHAT_PLATFORM = "CHAT_PLATFORM";
    public static final String BOT_REGISTRY = "BOT_REGISTRY";
    public static final String SQS_ENDPOINT = "SQS_ENDPOINT";
    public static final String LEX_ENDPOINT = "LEX_ENDPOINT";
    public static final String SECRETS_MANAGER_ENDPOINT = "SECRETS_MANAGER_ENDPOINT";
    /** The CloudWatch namespace of the EMF metrics (Powertools' variable name; the library itself is not used). */
    public static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String DEFAULT_METRICS_NAMESPACE = "FlexLexBridge";

    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    /** The process environment. */
    public static Env system() {
        return new Env(System.getenv());
    }

    /** A set, non-blank value; else {@link ConfigException}. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException("environment variable " + name + " is not set"));
    }

    /** The value when set and non-blank. */
    public Optional<String> optional(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String optional(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** An absolute http(s) URI, when set. */
    public Optional<URI> optionalUri(String name) {
        return optional(name).map(value -> parseUri(name, value));
    }

    public URI requiredUri(String name) {
        return parseUri(name, required(name));
    }

    /** Converts a value, turning the converter's exception into a {@link ConfigException} naming the variable. */
    public <T> T required(String name, Function<String, T> parser) {
        String value = required(name);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new ConfigException("environment variable " + name + " is malformed: " + e.getMessage(), e);
        }
    }

    /** {@code AWS_REGION} (Lambda sets it). */
    public String awsRegion() {
        return required(AWS_REGION);
    }

    /** {@code CHAT_PLATFORM}: {@code conversations} (default) or {@code chat}. */
    public ChatPlatformKind chatPlatform() {
        String value = optional(CHAT_PLATFORM, ChatPlatformKind.CONVERSATIONS.wireName());
        try {
            return ChatPlatformKind.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("environment variable " + CHAT_PLATFORM + " is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * {@value #METRICS_NAMESPACE} (default {@value #DEFAULT_METRICS_NAMESPACE}): at most 1,024 characters, as the
     * embedded metric format's {@code Namespace} allows.
     */
    public String metricsNamespace() {
        String value = optional(METRICS_NAMESPACE, DEFAULT_METRICS_NAMESPACE);
        if (value.length() > 1024) {
            throw new ConfigException("environment variable " + METRICS_NAMESPACE + " is malformed: more than 1024 characters");
        }
        return value;
    }

    /** {@code BOT_REGISTRY}: the inline registry JSON, parsed. */
    public BotRegistry botRegistry() {
        String json = required(BOT_REGISTRY);
        try {
            return BotRegistry.parse(json);
        } catch (BotRegistryException e) {
            throw new ConfigException("environment variable " + BOT_REGISTRY + " is malformed: " + e.getMessage(), e);
        }
    }

    private static URI parseUri(String name, String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ConfigException("environment variable " + name + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("environment variable " + name + " is not a valid URL", e);
        }
    }
}
