package dev.flexlex.model;

/** What happens to the chat after the bot's reply is posted. */
public enum NextStep {
    WAIT_FOR_MESSAGE,
    CLOSE_CHAT,
    AGENT
}
