package dev.ledgerline.support;

import jakarta.inject.Singleton;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Store faults for the service's DynamoDB client, off until armed: a transaction refused for a
 * conflict before it is sent (nothing written), or a transaction that was written but whose
 * answer is lost (the caller cannot know it happened).
 */
@Singleton
public class DynamoFaults extends StoreInterceptor {

    private final Random random = new Random(20261126);
    private volatile double conflictRate;
    private volatile double lostAnswerRate;
    public final AtomicInteger conflicts = new AtomicInteger();
    public final AtomicInteger lostAnswers = new AtomicInteger();

    public void arm(double conflictRate, double lostAnswerRate) {
        this.conflictRate = conflictRate;
        this.lostAnswerRate = lostAnswerRate;
    }

    public void disarm() {
        arm(0, 0);
    }

    private synchronized boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest request && roll(conflictRate)) {
            conflicts.incrementAndGet();
            throw TransactionCanceledException.builder()
                    .message("Transaction cancelled (injected)")
                    .statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb").errorCode("TransactionCanceledException")
                            .errorMessage("Transaction cancelled, please refer cancellation reasons for specific reasons").build())
                    .cancellationReasons(request.transactItems().stream()
                            .map(i -> CancellationReason.builder().code("TransactionConflict").build()).toList())
                    .build();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof TransactWriteItemsRequest && roll(lostAnswerRate)) {
            lostAnswers.incrementAndGet();
            throw SdkClientException.create("The answer was lost (injected)");
        }
    }
}
