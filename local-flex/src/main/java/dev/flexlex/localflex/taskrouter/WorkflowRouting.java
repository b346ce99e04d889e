package dev.flexlex.localflex.taskrouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.Json;

import java.util.List;

/**
 * Workflows' task routing: what a workflow's configuration may say (every queue it names is the workspace's, every
 * expression parses), which workflow a new task goes through, and which queue that workflow sends it to: the first
 * filter whose expression matches the task's attributes, else the default filter. Called under the state lock.
 */
final class WorkflowRouting {
    private final TaskRouterStore store;

    WorkflowRouting(TaskRouterStore store) {
        this.store = store;
    }

    /** A configuration that sends every task to one queue. */
    static String defaultConfiguration(String queueSid) {
        return "{\"task_routing\":{\"filters\":[],\"default_filter\":{\"queue\":\"" + queueSid + "\"}}}";
    }

    /** The parsed {@code Configuration} of a new workflow of workspace {@code ws}, or 400 naming the parameter. */
    JsonNode checkConfiguration(String ws, String configuration) {
        JsonNode parsed = Json.parseParam("Configuration", configuration);
        for (JsonNode queue : parsed.findValues("queue")) {
            store.referenced(store.queues, "Configuration", queue.asText(), ws);
        }
        for (JsonNode expression : parsed.findValues("expression")) {
            WorkspaceSetup.checkExpression("Configuration", expression.asText());
        }
        return parsed;
    }

    /** The workspace's workflow {@code workflowSid}, or its only workflow when none is named; 400 otherwise. */
    ObjectNode workflowFor(String ws, String workflowSid) {
        if (workflowSid != null) {
            return store.referenced(store.workflows, "WorkflowSid", workflowSid, ws);
        }
        List<ObjectNode> all = store.workflows.children("workspace_sid", ws);
        if (all.size() != 1) {
            throw ApiException.missing("WorkflowSid");
        }
        return all.get(0);
    }

    /** The queue {@code workflow} routes a task with these attributes to (null when it names no such queue). */
    ObjectNode queueFor(ObjectNode workflow, JsonNode attributes) {
        JsonNode routing = Json.parseParam("Configuration", workflow.get("configuration").asText()).path("task_routing");
        for (JsonNode filter : routing.path("filters")) {
            String expression = filter.path("expression").asText("1==1");
            if (TaskExpression.evaluate(expression, attributes)) {
                JsonNode targets = filter.path("targets");
                if (targets.size() > 0) {
                    return store.queues.find(targets.get(0).path("queue").asText());
                }
            }
        }
        return store.queues.find(routing.path("default_filter").path("queue").asText());
    }
}
