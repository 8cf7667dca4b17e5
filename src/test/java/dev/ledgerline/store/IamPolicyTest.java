package dev.ledgerline.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/iam-policy.json grants exactly the DynamoDB actions the code calls (a transaction's
 * members count as their own actions: IAM has no TransactWriteItems action), on the table and, for
 * Query, on each index the table defines. What only dev mode calls (creating the table, turning on
 * TTL) is not granted.
 */
class IamPolicyTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String DEV_ONLY = "DevTableCreator.java";
    private static final Pattern CLIENT_CALL = Pattern.compile("client(?:\\(\\))?\\.(\\w+)\\(");
    private static final Pattern TRANSACTION_MEMBER = Pattern.compile("\\.(put|update|delete|conditionCheck)\\((Put|Update|Delete|ConditionCheck)\\.builder");
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("getItem", "dynamodb:GetItem"), Map.entry("putItem", "dynamodb:PutItem"),
            Map.entry("updateItem", "dynamodb:UpdateItem"), Map.entry("deleteItem", "dynamodb:DeleteItem"),
            Map.entry("query", "dynamodb:Query"), Map.entry("describeTable", "dynamodb:DescribeTable"),
            Map.entry("put", "dynamodb:PutItem"), Map.entry("update", "dynamodb:UpdateItem"),
            Map.entry("delete", "dynamodb:DeleteItem"), Map.entry("conditionCheck", "dynamodb:ConditionCheckItem"));

    private static Set<String> actionsIn(Stream<Path> files, boolean failOnUnknown) {
        Set<String> actions = new TreeSet<>();
        files.forEach(file -> {
            String source = read(file);
            Matcher call = CLIENT_CALL.matcher(source);
            while (call.find()) {
                String method = call.group(1);
                if (method.equals("transactWriteItems")) {
                    continue;
                }
                assertTrue(!failOnUnknown || ACTIONS.containsKey(method), () -> file + " calls " + method + ", which the policy test does not know");
                if (ACTIONS.containsKey(method)) {
                    actions.add(ACTIONS.get(method));
                }
            }
            Matcher member = TRANSACTION_MEMBER.matcher(source);
            while (member.find()) {
                actions.add(ACTIONS.get(member.group(1)));
            }
        });
        return actions;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Stream<JsonNode> stream(JsonNode node) {
        return node.isArray() ? StreamSupport.stream(node.spliterator(), false) : Stream.of(node);
    }

    @Test
    void thePolicyGrantsExactlyWhatTheCodeCalls() throws IOException {
        JsonNode policy = new ObjectMapper().readTree(Path.of("deploy/iam-policy.json").toFile());
        Set<String> granted = new TreeSet<>();
        Set<String> queryable = new TreeSet<>();
        for (JsonNode statement : (Iterable<JsonNode>) () -> policy.get("Statement").elements()) {
            assertEquals("Allow", statement.get("Effect").asText());
            stream(statement.get("Action")).map(JsonNode::asText).forEach(granted::add);
            boolean query = stream(statement.get("Action")).anyMatch(a -> a.asText().equals("dynamodb:Query"));
            stream(statement.get("Resource")).map(JsonNode::asText).forEach(resource -> {
                assertTrue(resource.matches("arn:aws:dynamodb:REGION:ACCOUNT_ID:table/ledgerline-billing(/index/\\w+)?"), resource);
                if (query) {
                    queryable.add(resource.substring(resource.indexOf("table/")));
                }
            });
        }

        Set<String> used;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            used = actionsIn(files.filter(f -> f.toString().endsWith(".java") && !f.endsWith(DEV_ONLY)), true);
        }
        assertEquals(used, granted, "the policy grants what the code calls, and nothing more");

        Set<String> tableAndIndexes = new TreeSet<>(Set.of("table/ledgerline-billing"));
        for (GlobalSecondaryIndex index : TableDefinition.createRequest("t").globalSecondaryIndexes()) {
            tableAndIndexes.add("table/ledgerline-billing/index/" + index.indexName());
        }
        assertEquals(tableAndIndexes, queryable, "Query on the table and on every index");

        Set<String> devOnly;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            devOnly = actionsIn(files.filter(f -> f.endsWith(DEV_ONLY)), false);
        }
        Set<String> createTable = Set.of("dynamodb:CreateTable", "dynamodb:UpdateTimeToLive");
        createTable.forEach(action -> assertFalse(granted.contains(action), action + " is for dev mode only"));
        assertTrue(read(SOURCES.resolve("dev/ledgerline/store/" + DEV_ONLY)).contains("createTable("), "dev mode creates the table itself");
        assertTrue(granted.containsAll(devOnly), "DescribeTable, which dev mode also uses, is granted");
    }
}
