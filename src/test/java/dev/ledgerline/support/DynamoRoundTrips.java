package dev.ledgerline.support;

import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Counts the service's DynamoDB round trips (each HTTP request the SDK sends, retries included),
 * by adding an execution interceptor to the client the service builds. It also sends every call
 * with ReturnConsumedCapacity INDEXES and sums the request units dynoxide reports (table and
 * indexes): they follow from item sizes, so they are as deterministic as the round trips.
 */
@Singleton
public class DynamoRoundTrips extends StoreInterceptor {

    private static final Set<String> READS = Set.of("GetItemRequest", "QueryRequest", "ScanRequest", "BatchGetItemRequest",
            "TransactGetItemsRequest");

    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();

    /** Every request type that takes ReturnConsumedCapacity has the same builder method: found by name, not listed ten times. */
    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest.Builder builder = context.request().toBuilder();
        try {
            Method method = builder.getClass().getMethod("returnConsumedCapacity", ReturnConsumedCapacity.class);
            method.setAccessible(true);
            method.invoke(builder, ReturnConsumedCapacity.INDEXES);
            return builder.build();
        } catch (NoSuchMethodException notACapacityCall) {
            return context.request();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        operations.add(context.request().getClass().getSimpleName());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        // One ConsumedCapacity, or one per table for batches and transactions.
        Object consumed = context.response().getValueForField("ConsumedCapacity", Object.class).orElse(List.of());
        DoubleAdder units = READS.contains(context.request().getClass().getSimpleName()) ? readUnits : writeUnits;
        for (Object table : consumed instanceof List<?> list ? list : List.of(consumed)) {
            Double capacity = ((ConsumedCapacity) table).capacityUnits();
            units.add(capacity == null ? 0 : capacity);
        }
    }

    public void reset() {
        operations.clear();
        readUnits.reset();
        writeUnits.reset();
    }

    /** The operations sent since the last reset, e.g. [GetItemRequest, TransactWriteItemsRequest]. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** Read request units consumed since the last reset. */
    public double readUnits() {
        return readUnits.sum();
    }

    /** Write request units consumed since the last reset (successful writes: dynoxide reports none for a failed condition). */
    public double writeUnits() {
        return writeUnits.sum();
    }
}
