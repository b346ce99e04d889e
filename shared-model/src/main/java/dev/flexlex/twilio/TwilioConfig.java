package dev.flexlex.twilio;

import dev.flexlex.config.Env;

/**
 * The Twilio settings both Twilio-calling functions read: {@code TWILIO_SECRET_ID} (the Secrets Manager secret
 * holding {@code {"accountSid","authToken"}}) and the optional {@code TWILIO_API_BASE_URL}.
 */
public record TwilioConfig(String secretId, TwilioApiAddress apiAddress) {
    public static final String TWILIO_SECRET_ID = "TWILIO_SECRET_ID";
    public static final String TWILIO_API_BASE_URL = "TWILIO_API_BASE_URL";

    public static TwilioConfig from(Env env) {
        TwilioApiAddress address = env.optional(TWILIO_API_BASE_URL).isPresent()
                ? env.required(TWILIO_API_BASE_URL, TwilioApiAddress::of)
                : TwilioApiAddress.twilio();
        return new TwilioConfig(env.required(TWILIO_SECRET_ID), address);
    }
}
