package dev.flexlex.localflex.taskrouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskExpressionTest {
    private static final JsonNode TASK = read("{\"channelSid\":\"CH1\",\"channelType\":\"web\",\"priority\":5,"
            + "\"customer\":{\"name\":\"Ada\",\"tier\":\"gold\"},\"skills\":[\"en\",\"billing\"],\"vip\":true}");

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean eval(String expression) {
        return TaskExpression.evaluate(expression, TASK);
    }

    @Test
    void comparisons() {
        assertTrue(eval("channelSid == \"CH1\""));
        assertTrue(eval("channelSid == 'CH1'"));
        assertFalse(eval("channelSid == \"CH2\""));
        assertTrue(eval("channelSid != \"CH2\""));
        assertTrue(eval("customer.name == \"Ada\""));
        assertTrue(eval("priority > 4 && priority <= 5"));
        assertTrue(eval("vip == true"));
        assertTrue(eval("1==1"));
        assertFalse(eval("missing == \"x\""));
        assertFalse(eval("missing != \"x\""));
    }

    @Test
    void listsAndLogic() {
        assertTrue(eval("channelType IN [\"web\", \"sms\"]"));
        assertFalse(eval("channelType NOT IN ['web']"));
        assertTrue(eval("skills HAS \"billing\""));
        assertTrue(eval("customer.name CONTAINS \"d\""));
        assertTrue(eval("channelSid == \"CH9\" OR (customer.tier == \"gold\" AND channelType == \"web\")"));
        assertFalse(eval("channelSid == \"CH9\" or customer.tier == \"silver\""));
        assertTrue(eval("channelSid == \"CH1\" and vip == true"));
    }

    @Test
    void malformedExpressionsAreRejected() {
        for (String bad : new String[]{"", "channelSid ==", "channelSid == \"x", "(a == 1", "a ~ 1", "a IN 'x'", "a == 1 b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskExpression.check(bad), bad);
            assertTrue(e.getMessage().length() > 5);
        }
        assertEquals(true, TaskExpression.evaluate("a == 'b'", read("{\"a\":\"b\"}")));
    }
}
