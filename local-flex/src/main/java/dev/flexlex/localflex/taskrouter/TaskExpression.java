package dev.flexlex.localflex.taskrouter;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * TaskRouter's expression language, the part workflows, queues and {@code EvaluateTaskAttributes} use:
 * {@code a.b == "x"}, {@code !=}, {@code > < >= <=}, {@code IN [..]}, {@code NOT IN [..]}, {@code HAS},
 * {@code CONTAINS}, {@code AND}/{@code &&}, {@code OR}/{@code ||}, parentheses, string/number/boolean
 * literals and {@code 1==1}. Attribute names are dotted paths into the JSON attributes; a missing one is
 * null and matches nothing. A malformed expression throws {@link IllegalArgumentException}.
 */
public final class TaskExpression {
    private final List<String> tokens;
    private int pos;
    private JsonNode attributes;

    private TaskExpression(String text) {
        this.tokens = tokenize(text);
    }

    /** Parses once to report syntax errors early (the result is discarded). */
    public static void check(String expression) {
        evaluate(expression, com.fasterxml.jackson.databind.node.NullNode.getInstance());
    }

    public static boolean evaluate(String expression, JsonNode attributes) {
        TaskExpression e = new TaskExpression(expression);
        e.attributes = attributes;
        boolean result = e.or();
        if (e.pos != e.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + e.tokens.get(e.pos) + "' in expression");
        }
        return result;
    }

    private boolean or() {
        boolean value = and();
        while (peekWord("OR") || peek("||")) {
            pos++;
            boolean right = and();
            value = value || right;
        }
        return value;
    }

    private boolean and() {
        boolean value = unary();
        while (peekWord("AND") || peek("&&")) {
            pos++;
            boolean right = unary();
            value = value && right;
        }
        return value;
    }

    private boolean unary() {
        if (peek("(")) {
            pos++;
            boolean value = or();
            expect(")");
            return value;
        }
        Object left = value();
        if (pos >= tokens.size() || peek(")") || peekWord("AND") || peekWord("OR") || peek("&&") || peek("||")) {
            return Boolean.TRUE.equals(left);
        }
        String op = tokens.get(pos++).toUpperCase(Locale.ROOT);
        if (op.equals("NOT")) {
            if (!peekWord("IN")) {
                throw new IllegalArgumentException("expected IN after NOT");
            }
            pos++;
            List<?> list = asList(value());
            return left != null && list.stream().noneMatch(x -> same(left, x));
        }
        Object right = value();
        return switch (op) {
            case "==", "=" -> same(left, right);
            case "!=" -> left != null && !same(left, right);
            case ">", "<", ">=", "<=" -> compare(left, right, op);
            case "IN" -> asList(right).stream().anyMatch(x -> same(left, x));
            case "HAS" -> left instanceof List<?> list && list.stream().anyMatch(x -> same(x, right));
            case "CONTAINS" -> left instanceof String s && right != null && s.contains(right.toString());
            default -> throw new IllegalArgumentException("unknown operator '" + op + "'");
        };
    }

    private Object value() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("expression ends too early");
        }
        String t = tokens.get(pos++);
        if (t.equals("[")) {
            List<Object> list = new ArrayList<>();
            while (!peek("]")) {
                list.add(value());
                if (peek(",")) {
                    pos++;
                }
            }
            pos++;
            return list;
        }
        if (t.startsWith("\"") || t.startsWith("'")) {
            return t.substring(1, t.length() - 1);
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.valueOf(t.toLowerCase(Locale.ROOT));
        }
        if (Character.isDigit(t.charAt(0)) || (t.charAt(0) == '-' && t.length() > 1)) {
            return Double.valueOf(t);
        }
        if (!Character.isLetter(t.charAt(0)) && t.charAt(0) != '_') {
            throw new IllegalArgumentException("unexpected '" + t + "' in expression");
        }
        return resolve(t);
    }

    private Object resolve(String path) {
        JsonNode node = attributes;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return toJava(node);
    }

    private static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toJava(n)));
            return list;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Double || b instanceof Double) {
            try {
                return Double.parseDouble(a.toString()) == Double.parseDouble(b.toString());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return Objects.equals(a.toString(), b.toString());
    }

    private static boolean compare(Object a, Object b, String op) {
        if (a == null || b == null) {
            return false;
        }
        int c;
        try {
            c = Double.compare(Double.parseDouble(a.toString()), Double.parseDouble(b.toString()));
        } catch (NumberFormatException e) {
            c = a.toString().compareTo(b.toString());
        }
        return switch (op) {
            case ">" -> c > 0;
            case "<" -> c < 0;
            case ">=" -> c >= 0;
            default -> c <= 0;
        };
    }

    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("IN needs a list such as [\"a\", \"b\"]");
    }

    private boolean peek(String token) {
        return pos < tokens.size() && tokens.get(pos).equals(token);
    }

    private boolean peekWord(String word) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    private void expect(String token) {
        if (!peek(token)) {
            throw new IllegalArgumentException("expected '" + token + "' in expression");
        }
        pos++;
    }

    private static List<String> tokenize(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expression is empty");
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string in expression");
                }
                out.add(text.substring(i, end + 1));
                i = end + 1;
            } else if ("()[],".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if ("=!<>&|".indexOf(c) >= 0) {
                int j = i + 1;
                while (j < text.length() && "=&|".indexOf(text.charAt(j)) >= 0 && j < i + 2) {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            } else {
                int j = i;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j))
                        || "_.-".indexOf(text.charAt(j)) >= 0)) {
                    j++;
                }
                if (j == i) {
                    throw new IllegalArgumentException("unexpected character '" + c + "' in expression");
                }
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
