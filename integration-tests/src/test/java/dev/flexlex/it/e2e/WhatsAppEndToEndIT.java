package dev.flexlex.it.e2e;

import dev.flexlex.model.ChatChannel;

/** A customer writing to the contact centre's WhatsApp number, end to end on Flex Conversations. */
class WhatsAppEndToEndIT extends PhoneEndToEndScenarios {
    WhatsAppEndToEndIT() {
        super(ChatChannel.WHATSAPP);
    }
}
