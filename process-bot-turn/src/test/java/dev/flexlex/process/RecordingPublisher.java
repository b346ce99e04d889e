package dev.flexlex.process;

import dev.flexlex.model.BotReply;
import dev.flexlex.queue.QueuePublishException;
import dev.flexlex.queue.QueuePublisher;
import java.util.ArrayList;
import java.util.List;

/** Records every publish (group, dedup id, record); can be told to refuse the next ones. */
final class RecordingPublisher implements QueuePublisher {
    record Published(String groupId, String dedupId, BotReply reply) {
    }

    final List<Published> published = new ArrayList<>();
    int refuseNext;
    Runnable onPublish = () -> { };

    @Override
    public void publish(String groupId, String dedupId, Object record) {
        if (refuseNext > 0) {
            refuseNext--;
            throw new QueuePublishException("queue unavailable", null);
        }
        published.add(new Published(groupId, dedupId, (BotReply) record));
        onPublish.run();
    }
}
