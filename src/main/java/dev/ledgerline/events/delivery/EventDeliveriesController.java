package dev.ledgerline.events.delivery;

import dev.ledgerline.api.EventDeliveriesApi;
import dev.ledgerline.api.model.DeliveryAttempt;
import dev.ledgerline.api.model.DeliveryOutcome;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

import java.time.ZoneOffset;

/** An event's delivery log and its redelivery (service key, {@code /api/internal/**}). */
@Controller
public class EventDeliveriesController implements EventDeliveriesApi {

    private final EventDeliveries deliveries;

    public EventDeliveriesController(EventDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public dev.ledgerline.api.model.EventDeliveries listEventDeliveries(String accountId, Long sequence) {
        return toApi(deliveries.of(accountId, sequence));
    }

    @Override
    public HttpResponse<dev.ledgerline.api.model.EventDeliveries> redeliverEvent(String accountId, Long sequence) {
        return HttpResponse.accepted().body(toApi(deliveries.redeliver(accountId, sequence)));
    }

    private static dev.ledgerline.api.model.EventDeliveries toApi(EventDeliveries.View view) {
        return new dev.ledgerline.api.model.EventDeliveries(view.eventId(), view.pending(), view.attempts().stream().map(a ->
                new DeliveryAttempt(a.endpointId(), a.number(), DeliveryOutcome.fromValue(a.outcome().value), a.latencyMs(), a.at().atZone(ZoneOffset.UTC))
                        .statusCode(a.statusCode()).error(a.error())).toList())
                .nextAttemptAt(view.nextAttemptAt() == null ? null : view.nextAttemptAt().atZone(ZoneOffset.UTC));
    }
}
