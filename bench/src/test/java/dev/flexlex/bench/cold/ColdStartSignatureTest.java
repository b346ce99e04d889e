package dev.flexlex.bench.cold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.bench.Events;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The cold-start run re-signs the sample webhook for a live conversation; its signing must be Twilio's. */
class ColdStartSignatureTest {
    private static final String URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com/twilio/webhook";

    @Test
    void reproducesTheSampleEventsSignature() {
        JsonNode event = Events.tree("webhook-conversations.json");
        String body = new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8);
        assertEquals(event.path("headers").path("x-twilio-signature").asText(), ColdStartSection.sign(URL, body));
    }

    @Test
    void aChangedBodyGetsAnotherSignature() {
        JsonNode event = Events.tree("webhook-conversations.json");
        String body = new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8);
        assertNotEquals(ColdStartSection.sign(URL, body),
                ColdStartSection.sign(URL, body.replace("CH00000000000000000000000000000001", "CH0123")));
    }
}
