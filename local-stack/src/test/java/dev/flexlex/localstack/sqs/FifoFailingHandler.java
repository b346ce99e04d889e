package dev.flexlex.localstack.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by the real runtime interface client: fails every record whose body starts with "fail", and, as a FIFO consumer
 * must, every later record of the batch too (they are reported, not processed).
 */
public final class FifoFailingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean failing = false;
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            failing = failing || record.getBody().startsWith("fail");
            if (failing) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
