package dev.flexlex.inbound;

/**
 * A webhook call as the plain service sees it (no Lambda types).
 *
 * @param rawQueryString the query string exactly as received, without {@code ?} ({@code null} or empty when none)
 * @param formBody the decoded {@code application/x-www-form-urlencoded} body
 * @param signature the {@code X-Twilio-Signature} header ({@code null} when absent)
 */
public record WebhookRequest(String rawQueryString, String formBody, String signature) {
}
