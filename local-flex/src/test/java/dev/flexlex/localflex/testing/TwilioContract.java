package dev.flexlex.localflex.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates recorded exchanges against Twilio's OpenAPI specs in {@code ../../shared/contracts/twilio/}.
 * The specs name one server per product host, so the path is validated without the local product prefix.
 */
public final class TwilioContract {
    private static final Path SPECS = Path.of("..", "..", "shared", "contracts", "twilio");
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private TwilioContract() {
    }

    /** Every problem found, one line each; empty when all exchanges conform. */
    public static List<String> problems(List<Exchange> exchanges) {
        List<String> out = new ArrayList<>();
        for (Exchange e : exchanges) {
            ValidationReport report = validator(e).validate(request(e), response(e));
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR && !singleValueList(m) && !numericFormString(m)) {
                    out.add(e.method() + " " + e.product() + e.path() + " -> " + e.status() + ": " + m.getKey() + " " + m.getMessage());
                }
            }
        }
        return out;
    }

    /**
     * Whitelisted: a form list with one element ({@code Configuration.Filters=onMessageAdded}) is a list to
     * Twilio (repeated keys), but the validator reads a lone form value as a string and reports "string, not array".
     */
    private static boolean singleValueList(ValidationReport.Message m) {
        return m.getKey().equals("validation.request.body.schema.type") && m.getMessage().contains("(string)")
                && m.getMessage().contains("allowed: [\"array\"]");
    }

    /**
     * Whitelisted: a form value that looks like a number ({@code Address=+15005550006}) is a string to Twilio (a form
     * body has no types), but the validator reads it as an integer and reports "integer, not string".
     */
    private static boolean numericFormString(ValidationReport.Message m) {
        return m.getKey().equals("validation.request.body.schema.type")
                && (m.getMessage().contains("(integer)") || m.getMessage().contains("(number)"))
                && m.getMessage().contains("allowed: [\"string\"]");
    }

    private static Request request(Exchange e) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(e.method(), e.path());
        e.headers().forEach(b::withHeader);
        if (e.query() != null) {
            for (String pair : e.query().split("&")) {
                int eq = pair.indexOf('=');
                b.withQueryParam(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (e.requestBody() != null) {
            b.withBody(e.requestBody());
        }
        return b.build();
    }

    private static SimpleResponse response(Exchange e) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(e.status());
        if (e.responseBody() != null && !e.responseBody().isEmpty()) {
            b.withContentType("application/json").withBody(e.responseBody());
        }
        return b.build();
    }

    private static OpenApiInteractionValidator validator(Exchange e) {
        String file = switch (e.product()) {
            case "conversations" -> "twilio_conversations_v1.json";
            case "chat" -> "twilio_chat_v2.json";
            case "taskrouter" -> "twilio_taskrouter_v1.json";
            case "flex-api" -> e.path().startsWith("/v2/") ? "twilio_flex_v2.json" : "twilio_flex_v1.json";
            default -> throw new IllegalArgumentException("no spec for " + e.product());
        };
        return VALIDATORS.computeIfAbsent(file, f -> {
            Path spec = SPECS.resolve(f);
            if (!Files.isReadable(spec)) {
                throw new IllegalStateException("Twilio spec missing: " + spec.toAbsolutePath().normalize());
            }
            return OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            // Error responses: the specs declare no error schemas; our 4xx bodies are checked in behaviour tests.
                            .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        });
    }
}
