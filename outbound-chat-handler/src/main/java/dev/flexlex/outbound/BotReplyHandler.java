package dev.flexlex.outbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.flexlex.config.Env;
import dev.flexlex.lambda.SqsBatchWire;
import dev.flexlex.logging.InvocationLog;
import dev.flexlex.priming.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * SQS FIFO trigger of outbound-chat-handler, with partial batch responses: each record is a {@code BotReply}, handed
 * in order to {@link BotReplyService}, whose failures are reported as batch item failures. A stream handler: see
 * {@link SqsBatchWire} for why.
 */
public final class BotReplyHandler implements RequestStreamHandler {
    /** A receive count SQS did not give counts as a possible redelivery (the safe side: check before posting). */
    private static final int UNKNOWN_RECEIVE_COUNT = 2;

    private final BotReplyService service;
    /** Kept for as long as the handler lives: CRaC holds its resources weakly. Null for handlers built for tests. */
    private final Priming priming;

    /** Lambda's constructor: builds the real graph once from the environment, and registers its priming. */
    public BotReplyHandler() {
        Env env = Env.system();
        OutboundConfig config = OutboundConfig.from(env);
        this.service = OutboundWiring.service(config);
        this.priming = Priming.register("outbound-chat-handler", env, rounds -> ReplyPriming.run(config, rounds));
    }

    /** Over a service built elsewhere (tests, priming). */
    public BotReplyHandler(BotReplyService service) {
        this.service = service;
        this.priming = null;
    }

    /** Lambda's entry point: the SQS event's JSON in, the partial batch response's JSON out. */
    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        try (InvocationLog.Scope log = InvocationLog.begin(context == null ? null : context.getAwsRequestId())) {
            List<String> failed = service.handle(SqsBatchWire.read(event, UNKNOWN_RECEIVE_COUNT),
                    () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
            SqsBatchWire.writeFailures(failed, response);
        }
    }
}
