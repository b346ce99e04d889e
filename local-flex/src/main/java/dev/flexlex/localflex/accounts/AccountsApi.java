package dev.flexlex.localflex.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.http.ApiResponse;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.Routes;

/**
 * The Accounts v1 API's auth token rotation (https://www.twilio.com/docs/iam/api/secondary_authtoken and
 * https://www.twilio.com/docs/iam/api/authtoken), under {@code /accounts}: {@code POST /v1/AuthTokens/Secondary}
 * creates a secondary token, {@code DELETE /v1/AuthTokens/Secondary} deletes it, {@code POST /v1/AuthTokens/Promote}
 * makes it the primary and deletes the old primary.
 */
public final class AccountsApi {
    private static final String BASE = "https://accounts.twilio.com/v1/AuthTokens/";

    private final String accountSid;
    private final AuthTokens tokens;

    public AccountsApi(String accountSid, AuthTokens tokens) {
        this.accountSid = accountSid;
        this.tokens = tokens;
    }

    public void register(Routes r) {
        r.add("POST", "/v1/AuthTokens/Secondary", (q, v) -> ApiResponse.created(
                        resource("Secondary").put("secondary_auth_token", tokens.createSecondary())))
                .add("DELETE", "/v1/AuthTokens/Secondary", (q, v) -> {
                    tokens.deleteSecondary();
                    return ApiResponse.noContent();
                })
                .add("POST", "/v1/AuthTokens/Promote", (q, v) -> ApiResponse.ok(
                        resource("Promote").put("auth_token", tokens.promote())));
    }

    private ObjectNode resource(String name) {
        String now = Json.now();
        return Json.object().put("account_sid", accountSid).put("date_created", now).put("date_updated", now)
                .put("url", BASE + name);
    }
}
