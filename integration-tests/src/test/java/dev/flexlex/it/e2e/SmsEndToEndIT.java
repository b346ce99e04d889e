package dev.flexlex.it.e2e;

import dev.flexlex.model.ChatChannel;

/** A customer texting the contact centre's number by SMS, end to end on Flex Conversations. */
class SmsEndToEndIT extends PhoneEndToEndScenarios {
    SmsEndToEndIT() {
        super(ChatChannel.SMS);
    }
}
