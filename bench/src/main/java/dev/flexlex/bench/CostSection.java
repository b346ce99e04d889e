package dev.flexlex.bench;

import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.SamTemplate;
import java.util.List;
import java.util.Locale;

/**
 * Section 7: what 1,000 turns cost at AWS list prices, from section 3's measured billed durations and invocations
 * and the template's MemorySize; and, per function, the MemorySize trade-off. Prices: US East (N. Virginia), x86,
 * without free tiers, as listed on 2026-12-06 (README "Performance" cites the pages).
 */
public final class CostSection {
    public static final String SECTION = "7. What a turn costs (AWS list prices, us-east-1, no free tier)";
    /** Lambda: per request, and per GB-second on x86 (first 6 billion GB-s a month). */
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    static final double LAMBDA_GB_SECOND = 0.0000166667;
    /** SQS FIFO: per request (send, receive, delete; each 64 KB chunk of a payload is one request). */
    static final double SQS_FIFO_REQUEST = 0.50 / 1e6;
    /** API Gateway HTTP API: per request (first 300 million a month; metered in 512 KB increments). */
    static final double HTTP_API_REQUEST = 1.00 / 1e6;
    /** Amazon Lex V2: per text request (RecognizeText). */
    static final double LEX_TEXT_REQUEST = 0.00075;
    /** Lambda gives a function one vCPU's worth of CPU at 1,769 MB, in proportion below it. */
    static final int ONE_VCPU_MB = 1769;
    static final List<Integer> MEMORY_SIZES = List.of(256, 512, 768, 1024, 1769);

    private CostSection() {
    }

    /** Adds the section from section 3's rows of {@code results} (nothing when they are missing). */
    public static void run(Results results, SamTemplate template) {
        for (String label : List.of("(a) 1 chat, ", "(a) 20 chats, ")) {
            if (Double.isNaN(results.value(label + LocalStack.PROCESS + ": billed ms per turn"))) {
                results.note("cost section: no section 3 figures for " + label.strip() + " (run the latency section)");
                continue;
            }
            perThousandTurns(results, template, label);
        }
        memoryTradeOff(results, template);
    }

    private static void perThousandTurns(Results results, SamTemplate template, String label) {
        double lambdaRequests = 0;
        double gbSeconds = 0;
        double batches = 0;
        for (String fn : LocalStack.FUNCTIONS) {
            double invocations = results.value(label + fn + ": invocations per turn");
            double billedMs = results.value(label + fn + ": billed ms per turn");
            lambdaRequests += invocations;
            gbSeconds += billedMs / 1000 * template.function(fn).memorySize() / 1024.0;
            if (!fn.equals(LocalStack.INBOUND)) {
                batches += invocations;
            }
        }
        // Per turn: one SendMessage to each queue; per batch a poller received, one ReceiveMessage and one
        // DeleteMessageBatch (records are far below 64 KB). Empty long polls are a fixed cost, not per turn.
        double sqsRequests = 2 + 2 * batches;
        double httpRequests = results.value(label + LocalStack.INBOUND + ": invocations per turn");
        double lambda = 1000 * (lambdaRequests * LAMBDA_REQUEST + gbSeconds * LAMBDA_GB_SECOND);
        double sqs = 1000 * sqsRequests * SQS_FIFO_REQUEST;
        double http = 1000 * httpRequests * HTTP_API_REQUEST;
        double lex = 1000 * LEX_TEXT_REQUEST;
        String at = label.replace("(a) ", "").replace(", ", "");
        results.add(SECTION, "Lambda per 1,000 turns, " + at, lambda, "USD", String.format(Locale.ROOT,
                "%.2f requests and %.4f GB-s per turn (billed ms x MemorySize) at $0.20/M and $0.0000166667/GB-s",
                lambdaRequests, gbSeconds));
        results.add(SECTION, "SQS FIFO per 1,000 turns, " + at, sqs, "USD", String.format(Locale.ROOT,
                "%.2f requests per turn (2 sends, a receive and a delete per batch) at $0.50/M", sqsRequests));
        results.add(SECTION, "HTTP API per 1,000 turns, " + at, http, "USD", String.format(Locale.ROOT,
                "%.2f requests per turn at $1.00/M", httpRequests));
        results.add(SECTION, "the bridge per 1,000 turns, " + at, lambda + sqs + http, "USD",
                String.format(Locale.ROOT, "Lambda + SQS + HTTP API; %.1f%% of Lex's own price", 100 * (lambda + sqs + http) / lex));
        results.add(SECTION, "Lex text requests per 1,000 turns (for scale)", lex, "USD",
                "one RecognizeText per turn at $0.00075");
    }

    /**
     * Per function at 1 chat: billed time and cost per 1,000 turns at each MemorySize, modelling Lambda's CPU share
     * (one vCPU at 1,769 MB, in proportion below): the handler's CPU time per turn (section 3, 1 chat) stretches by
     * 1,769 / MemorySize, the rest of its billed time (waiting on the services) stays. This machine's core counts as
     * one vCPU.
     */
    private static void memoryTradeOff(Results results, SamTemplate template) {
        String label = "(a) 1 chat, ";
        for (String fn : LocalStack.FUNCTIONS) {
            double billedMs = results.value(label + fn + ": billed ms per turn");
            double cpuMs = results.value(label + fn + ": CPU per turn");
            if (Double.isNaN(billedMs) || Double.isNaN(cpuMs)) {
                continue;
            }
            double waitMs = Math.max(0, billedMs - cpuMs);
            StringBuilder note = new StringBuilder();
            for (int mb : MEMORY_SIZES) {
                double ms = waitMs + cpuMs * Math.max(1.0, ONE_VCPU_MB / (double) mb);
                double usd = 1000 * ms / 1000 * mb / 1024.0 * LAMBDA_GB_SECOND;
                note.append(String.format(Locale.ROOT, "%s%d MB: %.1f ms, $%.5f", note.length() == 0 ? "" : "; ", mb, ms, usd));
            }
            results.add(SECTION, fn + " MemorySize trade-off (model)", template.function(fn).memorySize(), "MB now",
                    String.format(Locale.ROOT, "per turn %.1f ms billed locally, of which CPU %.1f ms; billed time and"
                            + " duration cost per 1,000 turns at: %s", billedMs, cpuMs, note));
        }
    }
}
