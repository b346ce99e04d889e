package dev.flexlex.localflex.taskrouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.Account;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.Json;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which workflow a task goes through and which queue that workflow's filters send it to. */
class WorkflowRoutingTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final TaskRouterStore store = new TaskRouterStore(new Account(Account.DEFAULT_ACCOUNT_SID, Account.DEFAULT_AUTH_TOKEN));
    private final WorkflowRouting routing = new WorkflowRouting(store);
    private final WorkspaceSetup setup = new WorkspaceSetup(store, new ReservationEngine(store, new Object(), timer), routing);
    private final String ws = setup.newWorkspace("WS00000000000000000000000000000001", "routing").get("sid").asText();
    private final String sales = setup.newQueue(ws, "WQ00000000000000000000000000000001", "Sales", "1==1").get("sid").asText();
    private final String vip = setup.newQueue(ws, "WQ00000000000000000000000000000002", "VIP", "1==1").get("sid").asText();
    private final String everyone = setup.newQueue(ws, "WQ00000000000000000000000000000003", "Everyone", "1==1").get("sid").asText();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private ObjectNode workflow(String sid, String configuration) {
        return setup.newWorkflow(ws, sid, "wf " + sid, configuration, 120);
    }

    private static JsonNode attributes(String json) {
        return Json.parseParam("Attributes", json);
    }

    @Test
    void theFirstMatchingFilterSendsTheTaskToItsFirstTargetElseTheDefaultFilter() {
        ObjectNode wf = workflow("WW00000000000000000000000000000001", "{\"task_routing\":{\"filters\":["
                + "{\"expression\":\"tier == \\\"gold\\\"\",\"targets\":[{\"queue\":\"" + vip + "\"},{\"queue\":\"" + sales + "\"}]},"
                + "{\"expression\":\"topic == \\\"buy\\\"\",\"targets\":[{\"queue\":\"" + sales + "\"}]}],"
                + "\"default_filter\":{\"queue\":\"" + everyone + "\"}}}");

        assertEquals(vip, routing.queueFor(wf, attributes("{\"tier\":\"gold\",\"topic\":\"buy\"}")).get("sid").asText());
        assertEquals(sales, routing.queueFor(wf, attributes("{\"topic\":\"buy\"}")).get("sid").asText());
        assertEquals(everyone, routing.queueFor(wf, attributes("{\"topic\":\"help\"}")).get("sid").asText());
    }

    @Test
    void aMatchingFilterWithoutTargetsFallsThroughAndNoDefaultMeansNoQueue() {
        ObjectNode wf = workflow("WW00000000000000000000000000000002",
                "{\"task_routing\":{\"filters\":[{\"expression\":\"1==1\",\"targets\":[]}]}}");

        assertNull(routing.queueFor(wf, attributes("{}")));
    }

    @Test
    void theOnlyWorkflowServesATaskThatNamesNoneButTwoNeedAName() {
        ObjectNode only = workflow("WW00000000000000000000000000000003", WorkflowRouting.defaultConfiguration(everyone));
        assertEquals(only, routing.workflowFor(ws, null));
        assertEquals(everyone, routing.queueFor(only, attributes("{}")).get("sid").asText());

        ObjectNode second = workflow("WW00000000000000000000000000000004", WorkflowRouting.defaultConfiguration(sales));
        ApiException missing = assertThrows(ApiException.class, () -> routing.workflowFor(ws, null));
        assertEquals(400, missing.status());
        assertEquals(second, routing.workflowFor(ws, second.get("sid").asText()));
        ApiException unknown = assertThrows(ApiException.class, () -> routing.workflowFor(ws, "WW0000000000000000000000000000000f"));
        assertEquals(400, unknown.status());
    }

    @Test
    void aConfigurationNamingAnotherWorkspacesQueueOrABadExpressionIsRefused() {
        ApiException foreign = assertThrows(ApiException.class, () -> routing.checkConfiguration(ws,
                WorkflowRouting.defaultConfiguration("WQ0000000000000000000000000000000f")));
        assertEquals(400, foreign.status());
        ApiException badExpression = assertThrows(ApiException.class, () -> routing.checkConfiguration(ws,
                "{\"task_routing\":{\"filters\":[{\"expression\":\"tier ==\",\"targets\":[{\"queue\":\"" + vip + "\"}]}]}}"));
        assertEquals(400, badExpression.status());
        assertEquals(sales, routing.checkConfiguration(ws, WorkflowRouting.defaultConfiguration(sales))
                .path("task_routing").path("default_filter").path("queue").asText());
    }
}
