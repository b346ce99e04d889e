package dev.flexlex.bench.cold;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The hello-world baseline of the cold-start figures: packaged alone into a tiny jar at run time. */
public final class HelloHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "hello " + event.size();
    }
}
