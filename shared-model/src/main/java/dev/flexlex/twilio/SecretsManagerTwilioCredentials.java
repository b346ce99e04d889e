package dev.flexlex.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Twilio credentials from an AWS Secrets Manager secret whose SecretString is
 * {@code {"accountSid":"AC…","authToken":"…"}}: read on first use (never at init, so a SnapStart snapshot holds no
 * secret), then cached.
 *
 * <ul>
 *   <li><b>TTL.</b> The cached secret ({@code AWSCURRENT}) is read again on the first use after {@link #TTL}; when that
 *       read fails the cached one is kept and the read is tried again {@link #MIN_REFRESH_INTERVAL} later.</li>
 *   <li><b>After a rejection</b> ({@link #refreshAfterRejection()}: a REST 401, a webhook signature no known token
 *       matches) the secret is read again at once, at most once per {@link #MIN_REFRESH_INTERVAL}, so a flood of forged
 *       webhooks costs Secrets Manager at most one re-read per interval per instance. That re-read also takes the
 *       {@code AWSPENDING} version (a rotation that promoted the new token in Twilio before moving {@code AWSCURRENT})
 *       and, for {@link #PREVIOUS_TOKEN_GRACE} after {@code AWSCURRENT} was created, the {@code AWSPREVIOUS} one (the
 *       secret updated before the token was promoted, while Twilio still signs with the old primary): webhooks signed
 *       with either pass ({@link #signingTokens()}); REST calls always use {@code AWSCURRENT}.</li>
 * </ul>
 */
public final class SecretsManagerTwilioCredentials implements TwilioCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerTwilioCredentials.class);
    /** How long a read secret is used before it is read again. */
    public static final Duration TTL = Duration.ofMinutes(5);
    /** At most one re-read after a rejection per this interval (and the wait after a failed TTL re-read). */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** How long after {@code AWSCURRENT} was created a webhook signed with the {@code AWSPREVIOUS} token still passes. */
    public static final Duration PREVIOUS_TOKEN_GRACE = Duration.ofMinutes(15);
    static final String PENDING = "AWSPENDING";
    static final String PREVIOUS = "AWSPREVIOUS";

    private final SecretsManagerClient secrets;
    private final String secretId;
    private final Clock clock;
    private volatile Loaded loaded;
    /** When the last re-read after a rejection happened; guarded by {@code this}. */
    private Instant lastForcedRead;

    /** What was read; never printed with its tokens. */
    private record Loaded(String accountSid, String authToken, List<String> signingTokens, Instant expiresAt) {
        Loaded retryAt(Instant at) {
            return new Loaded(accountSid, authToken, signingTokens, at);
        }

        @Override
        public String toString() {
            return "Loaded[accountSid=" + accountSid + ", tokens=***]";
        }
    }

    public SecretsManagerTwilioCredentials(SecretsManagerClient secrets, String secretId) {
        this(secrets, secretId, Clock.systemUTC());
    }

    /** With a clock of the test's choosing (TTL, rate limit and grace are measured on it). */
    SecretsManagerTwilioCredentials(SecretsManagerClient secrets, String secretId, Clock clock) {
        this.secrets = secrets;
        this.secretId = secretId;
        this.clock = clock;
    }

    @Override
    public String accountSid() {
        return load().accountSid();
    }

    @Override
    public String authToken() {
        return load().authToken();
    }

    @Override
    public List<String> signingTokens() {
        return load().signingTokens();
    }

    @Override
    public synchronized boolean refreshAfterRejection() {
        Instant now = clock.instant();
        if (lastForcedRead != null && now.isBefore(lastForcedRead.plus(MIN_REFRESH_INTERVAL))) {
            LOG.debug("Twilio secret {} not re-read after a rejection: the last re-read was under {} s ago", secretId,
                    MIN_REFRESH_INTERVAL.toSeconds());
            return false;
        }
        lastForcedRead = now;
        Loaded before = loaded;
        Loaded after = read(true, now);
        loaded = after;
        LOG.info("Twilio secret {} re-read after a rejection: token {}, {} other webhook signing token(s)", secretId,
                before != null && before.authToken().equals(after.authToken()) ? "unchanged" : "changed",
                after.signingTokens().size() - 1);
        return true;
    }

    private Loaded load() {
        Loaded current = loaded;
        if (current != null && clock.instant().isBefore(current.expiresAt())) {
            return current;
        }
        synchronized (this) {
            current = loaded;
            Instant now = clock.instant();
            if (current == null) {
                current = read(false, now); // a failure is not cached: the next use reads again
            } else if (!now.isBefore(current.expiresAt())) {
                try {
                    current = read(false, now);
                } catch (TwilioCredentialsException e) {
                    LOG.warn("Twilio secret {} not re-read after its TTL, the cached one stays in use: {}", secretId,
                            e.getMessage());
                    current = current.retryAt(now.plus(MIN_REFRESH_INTERVAL));
                }
            }
            loaded = current;
            return current;
        }
    }

    /** {@code AWSCURRENT}, plus (withOthers) the pending and, within the grace, the previous token. */
    private Loaded read(boolean withOthers, Instant now) {
        GetSecretValueResponse current = get(null).orElseThrow(() -> new TwilioCredentialsException(
                "cannot read Twilio secret '" + secretId + "' from Secrets Manager: ResourceNotFoundException"));
        String[] credentials = parse(current, "AWSCURRENT");
        List<String> tokens = new ArrayList<>(List.of(credentials[1]));
        if (withOthers) {
            other(PENDING, credentials[0]).ifPresent(token -> addNew(tokens, token));
            if (current.createdDate() == null || now.isBefore(current.createdDate().plus(PREVIOUS_TOKEN_GRACE))) {
                other(PREVIOUS, credentials[0]).ifPresent(token -> addNew(tokens, token));
            }
        }
        return new Loaded(credentials[0], credentials[1], List.copyOf(tokens), now.plus(TTL));
    }

    private static void addNew(List<String> tokens, String token) {
        if (!tokens.contains(token)) {
            tokens.add(token);
        }
    }

    /** The token of another staged version of the same account, if there is one and it is well-formed. */
    private Optional<String> other(String stage, String accountSid) {
        Optional<GetSecretValueResponse> version = get(stage);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] credentials = parse(version.get(), stage);
            return accountSid.equals(credentials[0]) ? Optional.of(credentials[1]) : Optional.empty();
        } catch (TwilioCredentialsException e) {
            LOG.warn("Twilio secret {} version {} ignored: {}", secretId, stage, e.getMessage());
            return Optional.empty();
        }
    }

    /** GetSecretValue of a staging label ({@code null}: AWSCURRENT); empty when no version carries it. */
    private Optional<GetSecretValueResponse> get(String stage) {
        try {
            return Optional.of(secrets.getSecretValue(r -> r.secretId(secretId).versionStage(stage)));
        } catch (ResourceNotFoundException e) {
            if (stage == null) {
                throw new TwilioCredentialsException("cannot read Twilio secret '" + secretId
                        + "' from Secrets Manager: " + e.getClass().getSimpleName(), e);
            }
            return Optional.empty();
        } catch (SdkException e) {
            throw new TwilioCredentialsException("cannot read Twilio secret '" + secretId + "'"
                    + (stage == null ? "" : " version " + stage) + " from Secrets Manager: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** {accountSid, authToken} of one version; the messages name the secret and field, never a value. */
    private String[] parse(GetSecretValueResponse version, String stage) {
        String secret = version.secretString();
        String name = "Twilio secret '" + secretId + "'" + (stage.equals("AWSCURRENT") ? "" : " version " + stage);
        if (secret == null || secret.isBlank()) {
            throw new TwilioCredentialsException(name + " has no SecretString");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(secret);
        } catch (Exception e) {
            // the parser's message may quote the secret: do not chain it
            throw new TwilioCredentialsException(name + " is not a JSON object");
        }
        String accountSid = text(json, "accountSid", name);
        String authToken = text(json, "authToken", name);
        if (!accountSid.startsWith("AC")) {
            throw new TwilioCredentialsException(name + " field 'accountSid' must start with AC");
        }
        return new String[] {accountSid, authToken};
    }

    private static String text(JsonNode json, String field, String name) {
        JsonNode node = json == null ? null : json.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new TwilioCredentialsException(name + " lacks field '" + field + "'");
        }
        return node.asText();
    }

    @Override
    public String toString() {
        return "SecretsManagerTwilioCredentials[secretId=" + secretId + "]";
    }
}
