package dev.flexlex.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TwilioApiAddressTest {
    @Test
    void unsetSendsToTwilioUnchanged() {
        assertEquals("https://conversations.twilio.com/v1/Conversations/CH1",
                TwilioApiAddress.of(null).map("https://conversations.twilio.com/v1/Conversations/CH1"));
        assertEquals("https://chat.twilio.com/v2/Services", TwilioApiAddress.of(" ").map("https://chat.twilio.com/v2/Services"));
    }

    @Test
    void mapsEachProductHostOntoAPathPrefix() {
        TwilioApiAddress local = TwilioApiAddress.of("http://127.0.0.1:8080/twilio/");

        assertEquals("http://127.0.0.1:8080/twilio/conversations/v1/Conversations/CH1?x=1",
                local.map("https://conversations.twilio.com/v1/Conversations/CH1?x=1"));
        assertEquals("http://127.0.0.1:8080/twilio/chat/v2/Services/IS1", local.map("https://chat.twilio.com/v2/Services/IS1"));
        assertEquals("http://127.0.0.1:8080/twilio/taskrouter/v1/Workspaces",
                local.map("https://taskrouter.twilio.com/v1/Workspaces"));
        assertEquals("http://127.0.0.1:8080/twilio/flex-api/v1/Interactions",
                local.map("https://flex-api.twilio.com/v1/Interactions"));
    }

    @Test
    void refusesHostsItDoesNotMapRatherThanLeakingThem() {
        TwilioApiAddress local = TwilioApiAddress.of("http://127.0.0.1:8080");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> local.map("https://api.twilio.com/2010-04-01/Accounts"));
        assertEquals(true, e.getMessage().contains("api.twilio.com"));
    }

    @Test
    void refusesABaseThatIsNotAnAbsoluteUrl() {
        assertThrows(IllegalArgumentException.class, () -> TwilioApiAddress.of("localhost:8080"));
        assertThrows(IllegalArgumentException.class, () -> TwilioApiAddress.of("http://127.0.0.1:8080/?a=b"));
    }
}
