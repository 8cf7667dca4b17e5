package dev.ledgerline.support;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts the service's DynamoDB round trips (each HTTP request the SDK sends, retries included),
 * by adding an execution interceptor to the client the service builds.
 */
@Singleton
public class DynamoRoundTrips implements BeanCreatedEventListener<DynamoDbClientBuilder>, ExecutionInterceptor {

    private final List<String> operations = new CopyOnWriteArrayList<>();

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        // Added to what is configured already: another listener may have added its own interceptor.
        DynamoDbClientBuilder builder = event.getBean();
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().addExecutionInterceptor(this).build());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        operations.add(context.request().getClass().getSimpleName());
    }

    public void reset() {
        operations.clear();
    }

    /** The operations sent since the last reset, e.g. [GetItemRequest, TransactWriteItemsRequest]. */
    public List<String> operations() {
        return List.copyOf(operations);
    }
}
