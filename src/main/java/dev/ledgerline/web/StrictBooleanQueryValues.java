package dev.ledgerline.web;

import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * A boolean in a query string is {@code true} or {@code false}, nothing else. Micronaut would read
 * any other text as false, so {@code ?dryRun=ture} (a typo) would quietly run for real; here it is
 * not converted, and the request is a 400 that changes nothing.
 */
@Singleton
public class StrictBooleanQueryValues implements TypeConverterRegistrar {

    @Override
    public void register(MutableConversionService conversionService) {
        conversionService.addConverter(String.class, Boolean.class, (String value, Class<Boolean> type, var context) -> switch (value) {
            case "true" -> Optional.of(Boolean.TRUE);
            case "false" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        });
    }
}
