package dev.flexlex.localflex.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.accounts.v1.AuthTokenPromotion;
import com.twilio.rest.accounts.v1.SecondaryAuthToken;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.security.RequestValidator;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.localflex.testing.LocalFlexHttpClient;
import dev.flexlex.localflex.testing.WebhookReceiver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auth token rotation through twilio-java's Accounts v1 resources, as Twilio documents it: REST requests authenticate
 * with the primary or the secondary token, webhooks are signed with the primary, and promoting the secondary deletes
 * the old primary (401, code 20003, from then on).
 */
class AuthTokenRotationTest {
    LocalFlexServer flex;
    LocalFlexHttpClient http;
    WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        flex = LocalFlexServer.builder().port(0).start();
        http = new LocalFlexHttpClient(flex.baseUrl());
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        flex.close();
    }

    TwilioRestClient client(String token) {
        return new TwilioRestClient.Builder(flex.accountSid(), token).httpClient(http).build();
    }

    /** A customer message in a new conversation with a webhook to the receiver; the webhook call it fired. */
    WebhookReceiver.Call customerMessage(TwilioRestClient twilio) throws InterruptedException {
        Conversation c = Conversation.creator().create(twilio);
        Webhook.creator(c.getSid(), Webhook.Target.WEBHOOK).setConfigurationUrl(receiver.url("/hook"))
                .setConfigurationMethod(Webhook.Method.POST).setConfigurationFilters(List.of("onMessageAdded")).create(twilio);
        Message.creator(c.getSid()).setAuthor("customer").setBody("hi")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(twilio);
        return receiver.next();
    }

    static boolean signedWith(String token, WebhookReceiver.Call call) {
        return new RequestValidator(token).validate(call.url(), call.params(), call.signature());
    }

    @Test
    void bothTokensAuthenticateUntilThePromotionThenOnlyTheNewOne() throws Exception {
        String oldToken = flex.authToken();
        TwilioRestClient old = client(oldToken);

        SecondaryAuthToken secondary = SecondaryAuthToken.creator().create(old);
        String newToken = secondary.getSecondaryAuthToken();
        assertEquals(flex.accountSid(), secondary.getAccountSid());
        assertTrue(newToken.matches("[0-9a-f]{32}"));
        assertNotEquals(oldToken, newToken);

        TwilioRestClient fresh = client(newToken);
        WebhookReceiver.Call before = customerMessage(fresh);
        assertTrue(signedWith(oldToken, before), "until the promotion webhooks are signed with the primary");
        assertFalse(signedWith(newToken, before));
        Conversation.reader().read(old).iterator().hasNext();

        AuthTokenPromotion promoted = AuthTokenPromotion.updater().update(fresh);
        assertEquals(newToken, promoted.getAuthToken());
        assertEquals(newToken, flex.authToken());

        ApiException rejected = assertThrows(ApiException.class, () -> Conversation.creator().create(old));
        assertEquals(401, rejected.getStatusCode());
        assertEquals(20003, rejected.getCode());
        WebhookReceiver.Call after = customerMessage(fresh);
        assertTrue(signedWith(newToken, after), "after it, with the promoted token");
        assertFalse(signedWith(oldToken, after));
    }

    @Test
    void promotingOrDeletingWithoutASecondaryIs404AndADeletedSecondaryNoLongerAuthenticates() {
        TwilioRestClient primary = client(flex.authToken());

        ApiException promote = assertThrows(ApiException.class, () -> AuthTokenPromotion.updater().update(primary));
        assertEquals(404, promote.getStatusCode());
        assertEquals(20404, promote.getCode());
        ApiException delete = assertThrows(ApiException.class, () -> SecondaryAuthToken.deleter().delete(primary));
        assertEquals(20404, delete.getCode());

        String secondary = SecondaryAuthToken.creator().create(primary).getSecondaryAuthToken();
        Conversation.creator().create(client(secondary));
        assertTrue(SecondaryAuthToken.deleter().delete(primary));
        ApiException rejected = assertThrows(ApiException.class, () -> Conversation.creator().create(client(secondary)));
        assertEquals(20003, rejected.getCode());
        Conversation.creator().create(primary);
    }

    @Test
    void aNewSecondaryReplacesTheEarlierOne() {
        TwilioRestClient primary = client(flex.authToken());
        String first = SecondaryAuthToken.creator().create(primary).getSecondaryAuthToken();
        String second = SecondaryAuthToken.creator().create(primary).getSecondaryAuthToken();

        assertNotEquals(first, second);
        assertThrows(ApiException.class, () -> Conversation.creator().create(client(first)));
        Conversation.creator().create(client(second));
    }
}
