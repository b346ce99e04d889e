package dev.flexlex.it.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudFormationYamlTest {

    @Test
    void shortTagsBecomeTheirLongForm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                A: !Ref Queue
                B: !GetAtt Queue.Arn
                C: !Sub 'https://${Api}.example'
                D: !If [HasX, !Ref X, !Ref AWS::NoValue]
                E: !Not [!Equals [!Ref P, '']]
                F: [ReportBatchItemFailures]
                G: 360
                H: '2.0'
                I: true
                """);

        JsonNode tree = CloudFormationYaml.read(file);

        assertEquals("{\"Ref\":\"Queue\"}", tree.get("A").toString());
        assertEquals("{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}", tree.get("B").toString());
        assertEquals("{\"Fn::Sub\":\"https://${Api}.example\"}", tree.get("C").toString());
        assertEquals("{\"Fn::If\":[\"HasX\",{\"Ref\":\"X\"},{\"Ref\":\"AWS::NoValue\"}]}", tree.get("D").toString());
        assertEquals("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"P\"},\"\"]}]}", tree.get("E").toString());
        assertEquals("[\"ReportBatchItemFailures\"]", tree.get("F").toString());
        assertEquals(360, tree.get("G").asInt());
        assertEquals("2.0", tree.get("H").textValue());
        assertEquals(true, tree.get("I").booleanValue());
    }
}
