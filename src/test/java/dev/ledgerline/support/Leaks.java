package dev.ledgerline.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What no response and no log line may contain: the secrets the tests configure the service with,
 * the test users' password and the session tokens issued to them; and, in responses, any trace of
 * a Java exception. Findings name what leaked, never the secret itself.
 */
public final class Leaks {

    public static final String STRIPE_SECRET_KEY = "sk_test_ledgerline";
    public static final String SERVICE_KEY = "test-service-key-0123456789abcdef";

    private static final Map<String, String> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("the Stripe secret key", STRIPE_SECRET_KEY);
        SECRETS.put("the webhook secret", ApiTestSupport.WEBHOOK_SECRET);
        SECRETS.put("the service key", SERVICE_KEY);
        SECRETS.put("the test password", ApiTestSupport.PASSWORD);
    }

    private Leaks() {
    }

    /** Secrets and issued tokens found in {@code text}. */
    public static List<String> secretsIn(String text, Collection<String> tokens) {
        List<String> found = new ArrayList<>();
        SECRETS.forEach((name, secret) -> {
            if (text.contains(secret)) {
                found.add(name);
            }
        });
        tokens.stream().filter(text::contains).forEach(token -> found.add("a session token"));
        return found;
    }

    /** Secrets, tokens and exception traces found in a response body. */
    public static List<String> inResponse(String body, Collection<String> tokens) {
        List<String> found = secretsIn(body, tokens);
        for (String trace : List.of("Exception", "at dev.ledgerline", "\tat ")) {
            if (body.contains(trace)) {
                found.add("'" + trace.strip() + "'");
            }
        }
        return found;
    }
}
