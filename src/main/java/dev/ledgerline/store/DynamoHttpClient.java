package dev.ledgerline.store;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.util.Locale;

/**
 * Which HTTP client the DynamoDB client sends with: {@code billing.dynamodb.http-client} =
 * {@code apache} (the one micronaut-aws builds), {@code url-connection} or {@code crt}. The three
 * were compared by the benchmark's service CPU per request (docs/benchmark.md); the default is the
 * one that measured best. Set on the builder after micronaut-aws made it, so the rest of its
 * configuration (region, credentials, endpoint) stays as it is.
 */
@Singleton
public class DynamoHttpClient implements BeanCreatedEventListener<DynamoDbClientBuilder> {

    private final String kind;

    public DynamoHttpClient(@Value("${billing.dynamodb.http-client:apache}") String kind) {
        this.kind = kind.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        DynamoDbClientBuilder builder = event.getBean();
        return switch (kind) {
            case "apache" -> builder;
            case "url-connection" -> builder.httpClient(UrlConnectionHttpClient.builder().build());
            // As many connections as the Apache client's default pool, so the comparison is of the clients alone.
            case "crt" -> builder.httpClient(AwsCrtHttpClient.builder().maxConcurrency(50).build());
            default -> throw new IllegalArgumentException("billing.dynamodb.http-client: apache, url-connection or crt, not " + kind);
        };
    }
}
