package dev.ledgerline.settings;

import dev.ledgerline.api.SettingsApi;
import dev.ledgerline.audit.Audits;
import dev.ledgerline.api.model.AutopayRequest;
import dev.ledgerline.api.model.Settings;
import dev.ledgerline.web.CurrentSession;
import io.micronaut.http.annotation.Controller;

import java.time.Clock;

@Controller
public class SettingsController implements SettingsApi {

    private final SettingsRepo settings;
    private final CurrentSession current;
    private final Audits audits;
    private final Clock clock;

    public SettingsController(SettingsRepo settings, CurrentSession current, Audits audits, Clock clock) {
        this.settings = settings;
        this.current = current;
        this.audits = audits;
        this.clock = clock;
    }

    @Override
    public Settings getSettings() {
        return toApi(settings.get(current.accountId()));
    }

    @Override
    public Settings setAutopay(AutopayRequest request) {
        return toApi(settings.setAutopay(current.accountId(), request.getEnabled(), audits.change(current.accountId(), "settings.autopay",
                "settings", request.getEnabled() ? "on" : "off", clock.instant())));
    }

    public static Settings toApi(BillingPreferences preferences) {
        return new Settings(preferences.autopayEnabled(), preferences.defaultPaymentMethodId());
    }
}
