package dev.flexlex.config;

/** A missing or malformed environment variable; the message names the variable, never its value. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
