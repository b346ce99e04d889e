package dev.flexlex.inbound;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.registry.BotRegistry;
import java.time.Clock;
import java.util.Arrays;

/**
 * Prints how long the inbound handler takes per webhook once warm: base64 decode, form parse, signature check,
 * field checks, bot resolution, {@code BotTurn} serialization handed to the queue port (a recording fake, so SQS
 * time is not included). Not a test: run its {@code main} on the module's test classpath.
 */
public final class WebhookBenchmark {
    private WebhookBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = 20_000;
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        WebhookServiceTest.RecordingQueue queue = new WebhookServiceTest.RecordingQueue();
        WebhookServiceTest.FakeFacts facts = new WebhookServiceTest.FakeFacts();
        TwilioWebhookHandler handler = new TwilioWebhookHandler(new WebhookService(ChatPlatformKind.CONVERSATIONS,
                new TwilioSignatureVerifier(WebhookServiceTest.URL, WebhookServiceTest.CREDENTIALS),
                BotRegistry.parse(WebhookServiceTest.REGISTRY), facts, queue, "bot", Clock.systemUTC()));
        APIGatewayV2HTTPEvent event = TwilioWebhookHandlerTest.load("webhook-conversations.json");
        for (int i = 0; i < warmup; i++) {
            check(handler.handle(event, null).getStatusCode());
            queue.sent.clear();
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            check(handler.handle(event, null).getStatusCode());
            nanos[i] = System.nanoTime() - start;
            queue.sent.clear();
        }
        Arrays.sort(nanos);
        long total = Arrays.stream(nanos).sum();
        System.out.printf("webhook handling, %d requests: mean %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us, %.0f req/s on one thread%n",
                measured, total / 1e3 / measured, nanos[measured / 2] / 1e3, nanos[(int) (measured * 0.99)] / 1e3,
                nanos[measured - 1] / 1e3, measured / (total / 1e9));
    }

    private static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("unexpected status " + status);
        }
    }
}
