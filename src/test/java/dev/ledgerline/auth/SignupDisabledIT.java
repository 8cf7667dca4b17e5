package dev.ledgerline.auth;

import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.model.SignupRequest;
import dev.ledgerline.support.ApiTestSupport;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest
@Property(name = "billing.signup-enabled", value = "false")
class SignupDisabledIT extends ApiTestSupport {

    @Test
    void signupIsNotFoundUnlessEnabled() {
        expectProblem(404, () -> new AuthApi(anonymous()).signup(
                new SignupRequest().email(uniqueEmail()).password(PASSWORD).accountName("Acme")));
    }
}
