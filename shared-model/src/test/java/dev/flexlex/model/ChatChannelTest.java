package dev.flexlex.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChatChannelTest {

    @Test
    void aConversationsAuthorThatIsABindingAddressNamesItsChannel() {
        assertEquals(ChatChannel.SMS, ChatChannel.ofConversationsAuthor("+15005550006"));
        assertEquals(ChatChannel.WHATSAPP, ChatChannel.ofConversationsAuthor("whatsapp:+15005550006"));
        assertEquals(ChatChannel.WEB, ChatChannel.ofConversationsAuthor("customer-42"));
        assertEquals(ChatChannel.WEB, ChatChannel.ofConversationsAuthor("15005550006"), "no + : an identity");
        assertEquals(ChatChannel.WEB, ChatChannel.ofConversationsAuthor("+1500555000612345"), "longer than E.164");
        assertEquals(ChatChannel.WEB, ChatChannel.ofConversationsAuthor("whatsapp:15005550006"));
        assertEquals(ChatChannel.WEB, ChatChannel.ofConversationsAuthor(null));
    }

    @Test
    void aPhoneAddressIsMaskedToItsCountryDigitAndLastFour() {
        assertEquals("+1•••••0006", ChatChannel.maskedAddress("+15005550006"));
        assertEquals("+4•••••0123", ChatChannel.maskedAddress("whatsapp:+447700900123"));
        assertEquals("•••••", ChatChannel.maskedAddress("+12345"));
    }

    @Test
    void wireNamesAreTheInteractionChannelTypesAndAnUnknownOneIsNamed() {
        assertEquals("whatsapp", ChatChannel.WHATSAPP.wireName());
        assertEquals(ChatChannel.SMS, ChatChannel.fromWireName("sms"));
        assertEquals("unknown channel 'fax' (expected web, sms, whatsapp or chat)",
                assertThrows(IllegalArgumentException.class, () -> ChatChannel.fromWireName("fax")).getMessage());
    }
}
