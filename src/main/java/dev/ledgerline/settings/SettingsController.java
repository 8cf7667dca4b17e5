package dev.ledgerline.settings;

import dev.ledgerline.api.SettingsApi;
import dev.ledgerline.api.model.AutopayRequest;
import dev.ledgerline.api.model.Settings;
import dev.ledgerline.web.CurrentSession;
import io.micronaut.http.annotation.Controller;

@Controller
public class SettingsController implements SettingsApi {

    private final SettingsRepo settings;
    private final CurrentSession current;

    public SettingsController(SettingsRepo settings, CurrentSession current) {
        this.settings = settings;
        this.current = current;
    }

    @Override
    public Settings getSettings() {
        return toApi(settings.get(current.accountId()));
    }

    @Override
    public Settings setAutopay(AutopayRequest request) {
        return toApi(settings.setAutopay(current.accountId(), request.getEnabled()));
    }

    public static Settings toApi(BillingPreferences preferences) {
        return new Settings(preferences.autopayEnabled(), preferences.defaultPaymentMethodId());
    }
}
