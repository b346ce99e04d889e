package dev.flexlex.localstack.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The pages' files, from the classpath folder {@code pages/}: {@code /webchat/}, {@code /phone/}, {@code /agent/}, {@code /ops/} and {@code /assets/*}. */
final class StaticPages {
    private static final Pattern ASSET = Pattern.compile("/assets/([a-z0-9-]+\\.(css|js|svg))");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    record Page(byte[] bytes, String contentType) {
    }

    private final Map<String, Page> cache = new ConcurrentHashMap<>();

    /** The page at a request path, or null. */
    Page find(String path) {
        String resource;
        if (path.equals("/webchat/") || path.equals("/webchat")) {
            resource = "webchat.html";
        } else if (path.equals("/phone/") || path.equals("/phone")) {
            resource = "phone.html";
        } else if (path.equals("/agent/") || path.equals("/agent")) {
            resource = "agent.html";
        } else if (path.equals("/ops/") || path.equals("/ops")) {
            resource = "ops.html";
        } else if (ASSET.matcher(path).matches()) {
            resource = path.substring("/assets/".length());
        } else {
            return null;
        }
        return cache.computeIfAbsent(resource, StaticPages::load);
    }

    private static Page load(String resource) {
        try (InputStream in = StaticPages.class.getClassLoader().getResourceAsStream("pages/" + resource)) {
            if (in == null) {
                return null;
            }
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            return new Page(in.readAllBytes(), TYPES.get(ext));
        } catch (IOException e) {
            throw new UncheckedIOException("page " + resource + " could not be read", e);
        }
    }
}
