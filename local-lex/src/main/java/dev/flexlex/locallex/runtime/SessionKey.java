package dev.flexlex.locallex.runtime;

/** Identifies one conversation: Lex keeps a session per bot, alias, locale and session id. */
public record SessionKey(String botId, String botAliasId, String localeId, String sessionId) {

    /** The alias this session runs on, as the concurrency cap counts it. */
    public String aliasKey() {
        return botId + "/" + botAliasId;
    }

    @Override
    public String toString() {
        return botId + "/" + botAliasId + "/" + localeId + "/" + sessionId;
    }
}
