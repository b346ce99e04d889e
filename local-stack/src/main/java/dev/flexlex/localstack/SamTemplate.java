package dev.flexlex.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the runner takes from {@code template.yaml}: the SQS queues (FIFO, visibility timeout, redrive), the
 * functions (handler, code jar, memory, timeout, the names of their environment variables, their SQS event
 * source with batch size and maximum concurrency) and the defaults of the template's parameters.
 * Intrinsic functions ({@code !Ref}, {@code !GetAtt}) are read as the names they point at.
 */
public final class SamTemplate {

    /** An {@code AWS::SQS::Queue}. {@code deadLetterQueue} is a logical id, or null without a redrive policy. */
    public record QueueSpec(String logicalId, boolean fifo, boolean contentBasedDeduplication, int visibilityTimeout,
                            String deadLetterQueue, int maxReceiveCount, Integer messageRetentionPeriod) {
        /** The local queue name: the logical id, with {@code .fifo} for a FIFO queue. */
        public String queueName() {
            return fifo ? logicalId + ".fifo" : logicalId;
        }

        public QueueSpec withMaxReceiveCount(int value) {
            return new QueueSpec(logicalId, fifo, contentBasedDeduplication, visibilityTimeout, deadLetterQueue, value,
                    messageRetentionPeriod);
        }
    }

    /** An SQS event of a function. */
    public record SqsEventSpec(String queue, int batchSize, int maximumConcurrency, boolean reportBatchItemFailures) {
    }

    /**
     * An {@code AWS::Serverless::Function}.
     *
     * @param plainEnvironment the environment variables whose value is plain text in the template (no {@code !Ref},
     *                         {@code !If}, {@code !Sub}), with that text: the same on every deployment
     */
    public record FunctionSpec(String logicalId, String handler, String codeUri, int memorySize, int timeoutSeconds,
                               List<String> environmentKeys, Map<String, String> plainEnvironment,
                               Optional<SqsEventSpec> sqsEvent) {
    }

    private final JsonNode root;
    private final Map<String, QueueSpec> queues;
    private final Map<String, FunctionSpec> functions;
    private final Map<String, String> parameterDefaults;

    private SamTemplate(JsonNode root, Map<String, QueueSpec> queues, Map<String, FunctionSpec> functions,
                        Map<String, String> parameterDefaults) {
        this.root = root;
        this.queues = queues;
        this.functions = functions;
        this.parameterDefaults = parameterDefaults;
    }

    public static SamTemplate read(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new StackStartException(file + ": not a readable template: " + e.getMessage(), e);
        }
        Map<String, QueueSpec> queues = new TreeMap<>();
        Map<String, FunctionSpec> functions = new TreeMap<>();
        Map<String, String> defaults = new TreeMap<>();
        root.path("Parameters").fields().forEachRemaining(p -> {
            if (p.getValue().has("Default")) {
                defaults.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        JsonNode globals = root.path("Globals").path("Function");
        root.path("Resources").fields().forEachRemaining(r -> {
            String type = r.getValue().path("Type").asText();
            JsonNode props = r.getValue().path("Properties");
            if (type.equals("AWS::SQS::Queue")) {
                queues.put(r.getKey(), queue(r.getKey(), props));
            } else if (type.equals("AWS::Serverless::Function")) {
                functions.put(r.getKey(), function(file, r.getKey(), props, globals));
            }
        });
        return new SamTemplate(root, queues, functions, defaults);
    }

    private static QueueSpec queue(String id, JsonNode props) {
        JsonNode redrive = props.path("RedrivePolicy");
        String dlq = redrive.isMissingNode() ? null : beforeDot(redrive.path("deadLetterTargetArn").asText());
        return new QueueSpec(id, props.path("FifoQueue").asBoolean(false),
                props.path("ContentBasedDeduplication").asBoolean(false), props.path("VisibilityTimeout").asInt(30),
                dlq, redrive.path("maxReceiveCount").asInt(0),
                props.has("MessageRetentionPeriod") ? props.get("MessageRetentionPeriod").asInt() : null);
    }

    private static FunctionSpec function(Path file, String id, JsonNode props, JsonNode globals) {
        String handler = text(props, globals, "Handler");
        String codeUri = text(props, globals, "CodeUri");
        if (handler == null || codeUri == null) {
            throw new StackStartException(file + ": function " + id + " has no Handler or CodeUri");
        }
        // SAM merges the Globals' variables into the function's own; the function's value of a name wins.
        Map<String, JsonNode> variables = new java.util.LinkedHashMap<>();
        globals.path("Environment").path("Variables").fields().forEachRemaining(v -> variables.put(v.getKey(), v.getValue()));
        props.path("Environment").path("Variables").fields().forEachRemaining(v -> variables.put(v.getKey(), v.getValue()));
        List<String> env = new ArrayList<>(variables.keySet());
        Map<String, String> plain = new TreeMap<>();
        variables.forEach((name, value) -> {
            if (value.isValueNode()) {
                plain.put(name, value.asText());
            }
        });
        Optional<SqsEventSpec> sqs = Optional.empty();
        for (JsonNode event : props.path("Events")) {
            if (event.path("Type").asText().equals("SQS")) {
                JsonNode p = event.path("Properties");
                sqs = Optional.of(new SqsEventSpec(beforeDot(p.path("Queue").asText()), p.path("BatchSize").asInt(10),
                        p.path("ScalingConfig").path("MaximumConcurrency").asInt(1000),
                        p.path("FunctionResponseTypes").toString().contains("ReportBatchItemFailures")));
            }
        }
        int memory = props.has("MemorySize") ? props.get("MemorySize").asInt() : globals.path("MemorySize").asInt(128);
        int timeout = props.has("Timeout") ? props.get("Timeout").asInt() : globals.path("Timeout").asInt(3);
        return new FunctionSpec(id, handler, codeUri, memory, timeout, List.copyOf(env), Map.copyOf(plain), sqs);
    }

    private static String text(JsonNode props, JsonNode globals, String field) {
        JsonNode value = props.has(field) ? props.get(field) : globals.get(field);
        return value == null ? null : value.asText();
    }

    /** {@code InboundQueue.Arn} (a {@code !GetAtt}) → {@code InboundQueue}. */
    private static String beforeDot(String getAtt) {
        int dot = getAtt.indexOf('.');
        return dot < 0 ? getAtt : getAtt.substring(0, dot);
    }

    public Map<String, QueueSpec> queues() {
        return queues;
    }

    public QueueSpec queue(String logicalId) {
        QueueSpec q = queues.get(logicalId);
        if (q == null) {
            throw new StackStartException("template.yaml has no queue " + logicalId);
        }
        return q;
    }

    public Map<String, FunctionSpec> functions() {
        return functions;
    }

    public FunctionSpec function(String logicalId) {
        FunctionSpec f = functions.get(logicalId);
        if (f == null) {
            throw new StackStartException("template.yaml has no function " + logicalId);
        }
        return f;
    }

    /**
     * The text of a function's environment variable that contains {@code marker}, wherever it sits inside
     * {@code !If}/{@code !Sub} (e.g. the default {@code BOT_REGISTRY} with its {@code ${BotId}} placeholders).
     */
    public String environmentText(String function, String variable, String marker) {
        JsonNode value = root.path("Resources").path(function).path("Properties").path("Environment")
                .path("Variables").path(variable);
        return find(value, marker).orElseThrow(() -> new StackStartException("template.yaml: " + function + " "
                + variable + " has no text containing " + marker));
    }

    private static Optional<String> find(JsonNode node, String marker) {
        if (node.isTextual() && node.asText().contains(marker)) {
            return Optional.of(node.asText());
        }
        for (JsonNode child : node) {
            Optional<String> found = find(child, marker);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public String parameterDefault(String name) {
        String value = parameterDefaults.get(name);
        if (value == null) {
            throw new StackStartException("template.yaml parameter " + name + " has no default");
        }
        return value;
    }
}
