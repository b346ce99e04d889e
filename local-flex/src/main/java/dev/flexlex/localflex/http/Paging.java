package dev.flexlex.localflex.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's list shape: {@code {"<key>": [...], "meta": {page, page_size, first_page_url, previous_page_url,
 * next_page_url, url, key}}} with {@code PageSize} (1..1000, default 50), {@code Page} and {@code PageToken}
 * ({@code PT} + the offset of the page's first row).
 */
public final class Paging {
    private static final Set<String> PAGING_PARAMS = Set.of("PageSize", "Page", "PageToken");

    private Paging() {
    }

    public static ApiResponse page(ApiRequest request, String key, List<ObjectNode> rows) {
        int pageSize = request.intParam("PageSize", 50);
        if (pageSize < 1 || pageSize > 1000) {
            throw ApiException.invalid("PageSize", "must be between 1 and 1000");
        }
        int page = request.intParam("Page", 0);
        if (page < 0) {
            throw ApiException.invalid("Page", "must not be negative");
        }
        int offset = page * pageSize;
        String token = request.param("PageToken");
        if (token != null && !token.isEmpty()) {
            try {
                offset = Integer.parseInt(token.substring(2));
            } catch (RuntimeException e) {
                throw ApiException.invalid("PageToken", "unknown page token");
            }
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray(key);
        for (int i = offset; i < Math.min(rows.size(), offset + pageSize); i++) {
            items.add(rows.get(i).deepCopy());
        }
        String base = Urls.of(request.product(), request.path()) + "?" + otherParams(request) + "PageSize=" + pageSize;
        ObjectNode meta = body.putObject("meta");
        meta.put("page", page);
        meta.put("page_size", pageSize);
        meta.put("first_page_url", base + "&Page=0");
        meta.put("url", base + "&Page=" + page + (token == null ? "" : "&PageToken=" + token));
        if (page > 0) {
            meta.put("previous_page_url", base + "&Page=" + (page - 1) + "&PageToken=PT" + Math.max(0, offset - pageSize));
        } else {
            meta.putNull("previous_page_url");
        }
        if (offset + pageSize < rows.size()) {
            meta.put("next_page_url", base + "&Page=" + (page + 1) + "&PageToken=PT" + (offset + pageSize));
        } else {
            meta.putNull("next_page_url");
        }
        meta.put("key", key);
        return ApiResponse.ok(body);
    }

    /** A list in creation order, or reversed with {@code Order=desc} (Messages). */
    public static ApiResponse ordered(ApiRequest request, String key, List<ObjectNode> rows) {
        String order = request.oneOf("Order", "asc", "asc", "desc");
        List<ObjectNode> copy = new java.util.ArrayList<>(rows);
        if (order.equals("desc")) {
            java.util.Collections.reverse(copy);
        }
        return page(request, key, copy);
    }

    private static String otherParams(ApiRequest request) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
            if (PAGING_PARAMS.contains(e.getKey())) {
                continue;
            }
            for (String v : e.getValue()) {
                out.append(enc(e.getKey())).append('=').append(enc(v)).append('&');
            }
        }
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
