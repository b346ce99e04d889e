package dev.flexlex.localstack.pages;

/** One message of a chat as Twilio lists it: the author is {@code Author} (Conversations) or {@code From} (Chat). */
record ChatMessage(int index, String sid, String author, String body, String dateCreated, String attributes) {
}
