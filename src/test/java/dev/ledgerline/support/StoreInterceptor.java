package dev.ledgerline.support;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** A test's view into the service's DynamoDB client: an execution interceptor added as the client is built. */
abstract class StoreInterceptor implements BeanCreatedEventListener<DynamoDbClientBuilder>, ExecutionInterceptor {

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        // Added to what is configured already: another listener may have added its own interceptor.
        DynamoDbClientBuilder builder = event.getBean();
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().addExecutionInterceptor(this).build());
    }
}
