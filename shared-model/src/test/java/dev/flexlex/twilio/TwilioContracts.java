package dev.flexlex.twilio;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates requests against Twilio's OpenAPI specs in {@code ../../shared/contracts/twilio/} (the path from a
 * module directory, where surefire runs). One validator per product, loaded once per JVM.
 */
public final class TwilioContracts {
    private static final Map<String, String> SPEC_BY_PRODUCT = Map.of(
            "conversations", "twilio_conversations_v1.json",
            "chat", "twilio_chat_v2.json",
            "taskrouter", "twilio_taskrouter_v1.json",
            "flex-api", "twilio_flex_v1.json");
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private TwilioContracts() {
    }

    public static Path specDirectory() {
        return Path.of("..", "..", "shared", "contracts", "twilio");
    }

    /** The problems the product's spec finds in the request (empty when it conforms). */
    public static List<String> violations(String product, String method, String path, Map<String, List<String>> query,
                                          Map<String, String> headers, String contentType, String body) {
        OpenApiInteractionValidator validator = validator(product);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        ValidationReport report = validator.validateRequest(request.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR && !singleValueList(m))
                .map(m -> method + " " + path + ": " + m.getKey() + " " + m.getMessage())
                .collect(Collectors.toList());
    }

    /**
     * Not a violation: a form list with one element ({@code Configuration.Filters=onMessageAdded}) is a list to Twilio
     * (repeated keys), but the validator reads a lone form value as a string and reports "string, not array" (the
     * local Flex's own contract check skips it likewise).
     */
    private static boolean singleValueList(ValidationReport.Message m) {
        return m.getKey().equals("validation.request.body.schema.type") && m.getMessage().contains("(string)")
                && m.getMessage().contains("allowed: [\"array\"]");
    }

    /**
     * Loads every product's validator now. Parsing the specs takes seconds on a busy machine; done inside the first
     * request, it could outlast the Twilio client's read timeout ({@code CallTimeouts.TWILIO_READ}).
     */
    public static void preload() {
        SPEC_BY_PRODUCT.keySet().forEach(TwilioContracts::validator);
    }

    private static OpenApiInteractionValidator validator(String product) {
        return VALIDATORS.computeIfAbsent(product, p -> {
            String file = SPEC_BY_PRODUCT.get(p);
            if (file == null) {
                throw new IllegalArgumentException("no spec for product " + p);
            }
            Path spec = specDirectory().resolve(file);
            if (!Files.isRegularFile(spec)) {
                throw new IllegalStateException("Twilio spec not found at " + spec.toAbsolutePath());
            }
            return OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString()).build();
        });
    }
}
