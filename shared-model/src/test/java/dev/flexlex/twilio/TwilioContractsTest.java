package dev.flexlex.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec check itself can fail: requests that break Twilio's specs are reported. */
class TwilioContractsTest {
    static final Map<String, String> AUTH = Map.of("Authorization", "Basic QUM6dG9rZW4=");
    static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void anInteractionWithoutItsRequiredChannelIsReported() {
        List<String> problems = TwilioContracts.violations("flex-api", "POST", "/v1/Interactions", Map.of(), AUTH,
                FORM, "Routing=%7B%7D");

        assertFalse(problems.isEmpty());
    }

    @Test
    void aNonNumericTaskPriorityIsReported() {
        List<String> problems = TwilioContracts.violations("taskrouter", "POST",
                "/v1/Workspaces/WS00000000000000000000000000000001/Tasks", Map.of(), AUTH, FORM, "Priority=high");

        assertFalse(problems.isEmpty());
    }

    @Test
    void anUnknownPathIsReported() {
        assertFalse(TwilioContracts.violations("conversations", "POST", "/v1/Conversation/CH1/Messages", Map.of(),
                AUTH, FORM, "Body=x").isEmpty());
    }

    @Test
    void aConformingMessageIsAccepted() {
        assertEquals(List.of(), TwilioContracts.violations("conversations", "POST",
                "/v1/Conversations/CH00000000000000000000000000000001/Messages", Map.of(), AUTH, FORM,
                "Author=bot&Body=Hello"));
    }
}
