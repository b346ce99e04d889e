package dev.flexlex.localflex.taskrouter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.Account;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.ApiRequest;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.Table;
import dev.flexlex.localflex.http.Urls;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** TaskRouter's state: the tables, who holds which task, and who rejected what. Guarded by the state lock. */
final class TaskRouterStore {
    static final String PRODUCT = "taskrouter";

    final Account account;
    final Table workspaces = new Table();
    final Table workflows = new Table();
    final Table queues = new Table();
    final Table taskChannels = new Table();
    final Table activities = new Table();
    final Table workers = new Table();
    final Table workerChannels = new Table();
    final Table tasks = new Table();
    final Table reservations = new Table();
    /** Task SID → the worker holding it (reserved, assigned or wrapping). */
    final Map<String, String> holder = new HashMap<>();
    /** "taskSid/workerSid" of every rejected or timed-out offer: never offered to that worker again. */
    final Set<String> declined = new HashSet<>();

    TaskRouterStore(Account account) {
        this.account = account;
    }

    ObjectNode base(String sid, String workspaceSid, String path) {
        String now = Json.now();
        ObjectNode row = Json.object();
        row.put("account_sid", account.accountSid());
        row.put("sid", sid);
        if (workspaceSid != null) {
            row.put("workspace_sid", workspaceSid);
        }
        row.put("date_created", now);
        row.put("date_updated", now);
        row.put("url", url(path));
        return row;
    }

    static String url(String path) {
        return Urls.of(PRODUCT, path);
    }

    static String workspacePath(String workspaceSid) {
        return "/v1/Workspaces/" + workspaceSid;
    }

    /** A row of the workspace, looked up by SID (or, for task channels, unique name); 20404 otherwise. */
    ObjectNode inWorkspace(Table table, String sid, String workspaceSid, ApiRequest q) {
        return table.get(sid, "workspace_sid", workspaceSid, q);
    }

    /** The row named by a parameter (SID expected), or 400 naming the parameter. */
    ObjectNode referenced(Table table, String param, String sid, String workspaceSid) {
        ObjectNode row = table.find(sid);
        if (row == null || !workspaceSid.equals(row.path("workspace_sid").asText())) {
            throw ApiException.invalid(param, "'" + sid + "' is not a resource of workspace " + workspaceSid);
        }
        return row;
    }

    ObjectNode taskChannel(String workspaceSid, String sidOrName, String param) {
        for (ObjectNode c : taskChannels.children("workspace_sid", workspaceSid)) {
            if (c.get("sid").asText().equals(sidOrName) || c.get("unique_name").asText().equals(sidOrName)) {
                return c;
            }
        }
        throw ApiException.invalid(param, "no task channel '" + sidOrName + "' in workspace " + workspaceSid);
    }

    ObjectNode activityNamed(String workspaceSid, String name) {
        return activities.children("workspace_sid", workspaceSid).stream()
                .filter(a -> a.get("friendly_name").asText().equals(name)).findFirst().orElse(null);
    }

    /** Tasks of this channel the worker holds now (for capacity). */
    long load(String workerSid, String taskChannelSid) {
        return holder.entrySet().stream().filter(e -> e.getValue().equals(workerSid))
                .map(e -> tasks.find(e.getKey())).filter(t -> t != null
                        && t.get("task_channel_sid").asText().equals(taskChannelSid)).count();
    }
}
