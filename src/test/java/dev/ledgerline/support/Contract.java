package dev.ledgerline.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * openapi/billing.yaml read as data, to hold a raw HTTP answer against it the way the contract
 * fuzzer does: the status is one the operation documents, the content type is the documented one,
 * and the body fits the documented schema (required properties present, null only where nullable,
 * types, enums, integer bounds). The generated clients cannot see the difference between a
 * required property sent as null and one left out; this can.
 */
public final class Contract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> SPEC = load(Path.of("openapi/billing.yaml"));

    private Contract() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statuses {@code method pathTemplate} documents, e.g. {@code ("DELETE", "/api/billing/payment-methods/{payment_method_id}")}. */
    public static TreeSet<String> statuses(String method, String pathTemplate) {
        return new TreeSet<>(map(operation(method, pathTemplate).get("responses")).keySet());
    }

    /** Fails unless the answer is one the operation documents, in content type and shape. */
    public static void assertConforms(String method, String pathTemplate, HttpResponse<String> response) {
        String where = method + " " + pathTemplate + " -> " + response.statusCode() + " " + response.body();
        Map<String, Object> responses = map(operation(method, pathTemplate).get("responses"));
        Object documented = responses.get(String.valueOf(response.statusCode()));
        assertTrue(documented != null, () -> "undocumented status; documented: " + responses.keySet() + "; " + where);
        Map<String, Object> content = map(resolve(map(documented)).get("content"));
        if (content == null) {
            assertTrue(response.body().isEmpty(), () -> "no body is documented; " + where);
            return;
        }
        String contentType = response.headers().firstValue("content-type").orElse("");
        String mediaType = content.keySet().stream().filter(contentType::startsWith).findFirst()
                .orElseGet(() -> fail("content type " + contentType + " is not one of " + content.keySet() + "; " + where));
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON; " + where, e);
        }
        List<String> problems = new ArrayList<>();
        check(body, map(map(content.get(mediaType)).get("schema")), "$", problems);
        assertEquals(List.of(), problems, () -> "the body does not fit its schema; " + where);
    }

    private static Map<String, Object> operation(String method, String pathTemplate) {
        Map<String, Object> path = map(map(SPEC.get("paths")).get(pathTemplate));
        assertTrue(path != null, () -> "no path " + pathTemplate + " in the contract");
        Map<String, Object> operation = map(path.get(method.toLowerCase()));
        assertTrue(operation != null, () -> "no " + method + " " + pathTemplate + " in the contract");
        return operation;
    }

    private static void check(JsonNode value, Map<String, Object> schema, String at, List<String> problems) {
        schema = resolve(schema);
        if (value.isNull()) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                problems.add(at + " is null but not nullable");
            }
            return;
        }
        Object type = schema.get("type");
        if (schema.containsKey("enum") && !((List<?>) schema.get("enum")).contains(value.asText())) {
            problems.add(at + " = " + value + " is not one of " + schema.get("enum"));
        }
        if ("object".equals(type)) {
            if (!value.isObject()) {
                problems.add(at + " is not an object");
                return;
            }
            for (Object name : (List<?>) schema.getOrDefault("required", List.of())) {
                if (!value.has((String) name)) {
                    problems.add(at + "." + name + " is required but missing");
                }
            }
            Map<String, Object> properties = map(schema.getOrDefault("properties", Map.of()));
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.containsKey(field.getKey())) {
                    check(field.getValue(), map(properties.get(field.getKey())), at + "." + field.getKey(), problems);
                }
            }
        } else if ("array".equals(type)) {
            if (!value.isArray()) {
                problems.add(at + " is not an array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), map(schema.get("items")), at + "[" + i + "]", problems);
            }
        } else if ("string".equals(type) && !value.isTextual()) {
            problems.add(at + " is not a string");
        } else if ("boolean".equals(type) && !value.isBoolean()) {
            problems.add(at + " is not a boolean");
        } else if ("integer".equals(type)) {
            if (!value.isIntegralNumber()) {
                problems.add(at + " is not an integer");
            } else if (schema.get("maximum") instanceof Number max && value.asLong() > max.longValue()) {
                problems.add(at + " = " + value + " is above the maximum " + max);
            } else if (schema.get("minimum") instanceof Number min && value.asLong() < min.longValue()) {
                problems.add(at + " = " + value + " is below the minimum " + min);
            }
        }
    }

    /** Follows a local {@code $ref} (components/schemas, components/responses). */
    private static Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        Map<String, Object> target = SPEC;
        for (String part : ((String) ref).substring(2).split("/")) {
            target = map(target.get(part));
        }
        return resolve(target);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }
}
