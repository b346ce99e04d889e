package dev.flexlex.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Twilio credentials from an AWS Secrets Manager secret whose SecretString is
 * {@code {"accountSid":"AC…","authToken":"…"}}. Fetched on first use and cached for the life of the instance.
 */
public final class SecretsManagerTwilioCredentials implements TwilioCredentials {
    private final SecretsManagerClient secrets;
    private final String secretId;
    private volatile Loaded loaded;

    private record Loaded(String accountSid, String authToken) {
        @Override
        public String toString() {
            return "Loaded[accountSid=" + accountSid + ", authToken=***]";
        }
    }

    public SecretsManagerTwilioCredentials(SecretsManagerClient secrets, String secretId) {
        this.secrets = secrets;
        this.secretId = secretId;
    }

    @Override
    public String accountSid() {
        return load().accountSid();
    }

    @Override
    public String authToken() {
        return load().authToken();
    }

    private Loaded load() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    current = fetch();
                    loaded = current;
                }
            }
        }
        return current;
    }

    private Loaded fetch() {
        String secret;
        try {
            secret = secrets.getSecretValue(r -> r.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new TwilioCredentialsException("cannot read Twilio secret '" + secretId + "' from Secrets Manager: "
                    + e.getClass().getSimpleName(), e);
        }
        if (secret == null || secret.isBlank()) {
            throw new TwilioCredentialsException("Twilio secret '" + secretId + "' has no SecretString");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(secret);
        } catch (Exception e) {
            // the parser's message may quote the secret: do not chain it
            throw new TwilioCredentialsException("Twilio secret '" + secretId + "' is not a JSON object");
        }
        String accountSid = text(json, "accountSid");
        String authToken = text(json, "authToken");
        if (!accountSid.startsWith("AC")) {
            throw new TwilioCredentialsException("Twilio secret '" + secretId + "' field 'accountSid' must start with AC");
        }
        return new Loaded(accountSid, authToken);
    }

    private String text(JsonNode json, String field) {
        JsonNode node = json == null ? null : json.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new TwilioCredentialsException("Twilio secret '" + secretId + "' lacks field '" + field + "'");
        }
        return node.asText();
    }

    @Override
    public String toString() {
        return "SecretsManagerTwilioCredentials[secretId=" + secretId + "]";
    }
}
