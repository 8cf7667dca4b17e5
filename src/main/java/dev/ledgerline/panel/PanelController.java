package dev.ledgerline.panel;

import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.store.Ids;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.views.ModelAndView;

import java.util.Map;

/**
 * The control panel at {@code /}: a Thymeleaf shell carrying what the single-page app needs at
 * load (API base, publishable key, Stripe.js URL, the CSP nonce, dev mode, whether sign-up is
 * open). The app itself is the bundle built from {@code ui/}, served under {@code /app/}.
 */
@Controller
public class PanelController {

    private final StripeSettings stripe;
    private final BillingSettings billing;

    public PanelController(StripeSettings stripe, BillingSettings billing) {
        this.stripe = stripe;
        this.billing = billing;
    }

    @Get("/")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<ModelAndView<Map<String, Object>>> panel() {
        String nonce = Ids.randomToken(18);
        Map<String, Object> model = Map.of(
                "nonce", nonce,
                "apiBase", "",
                "publishableKey", stripe.publishableKey(),
                "stripeJsUrl", stripe.jsUrl(),
                "currency", stripe.defaultCurrency(),
                "devMode", billing.devMode(),
                "signupEnabled", billing.signupEnabled());
        return HttpResponse.ok(new ModelAndView<>("index", model))
                .header("Content-Security-Policy", ContentSecurityPolicy.forPage(stripe.jsUrl(), nonce))
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }
}
