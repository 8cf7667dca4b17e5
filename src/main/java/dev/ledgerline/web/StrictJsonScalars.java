package dev.ledgerline.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Request bodies bind only values of the JSON type the contract names. Micronaut Serialization
 * coerces by default: {@code 12.5} became the amount 12, {@code "12"}, {@code [12]} and
 * {@code true} became 12, 12 and 1, {@code "false"} and {@code 0} became false, {@code ["pm_1"]}
 * became "pm_1" and {@code [123]} the list {@code ["123"]}. For money that turned a malformed
 * request into a charge of another amount. Now a value of the wrong type is a 400 (the generic
 * "could not be read" problem, which never quotes the body) and nothing is written.
 * <p>
 * Integers must be written as integers: {@code 12.0} and {@code 1e3} are refused too, since an
 * amount in minor units computed in floating point is the mistake this guards against.
 * <p>
 * No request property of the contract is nullable, so an explicit {@code null} is refused as
 * well: it was bound as "not given" ({@code "currency": null} took the default currency,
 * {@code "settled": null} posted a settled charge). Leaving an optional property out is how
 * its default is asked for. (Found by contract fuzzing, scripts/fuzz.sh.)
 */
@Factory
public class StrictJsonScalars {

    @Singleton
    @Primary
    Deserializer<Long> integers() {
        return strict("an integer", node -> node.isNumber() && isWholeLong(node.getNumberValue()), JsonNode::getLongValue);
    }

    @Singleton
    @Primary
    Deserializer<Boolean> booleans() {
        return strict("true or false", JsonNode::isBoolean, JsonNode::getBooleanValue);
    }

    @Singleton
    @Primary
    Deserializer<String> strings() {
        return strict("a string", JsonNode::isString, JsonNode::getStringValue);
    }

    /** Lists of strings have their own deserializer in Micronaut Serialization, which coerces each item as above. */
    @Singleton
    @Primary
    Deserializer<List<String>> stringLists() {
        return strict("a list of strings", node -> node.isArray() && stream(node).allMatch(JsonNode::isString),
                node -> stream(node).map(JsonNode::getStringValue).collect(Collectors.toCollection(ArrayList::new)));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.values().spliterator(), false);
    }

    /** Jackson reports a number without fraction or exponent as int or long (BigInteger beyond long's range). */
    private static boolean isWholeLong(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte;
    }

    private static <T> Deserializer<T> strict(String expected, Predicate<JsonNode> accepted, Function<JsonNode, T> value) {
        return new Deserializer<>() {
            @Override
            public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!accepted.test(node)) {
                    throw decoder.createDeserializationException("Expected " + expected, null);
                }
                return value.apply(node);
            }

            /** Null reaches this deserializer (instead of being bound as absent), which refuses it as above. */
            @Override
            public boolean allowNull() {
                return true;
            }

            @Override
            public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
                return deserialize(decoder, context, type);
            }
        };
    }
}
