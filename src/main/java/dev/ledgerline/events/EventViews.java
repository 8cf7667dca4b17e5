package dev.ledgerline.events;

import dev.ledgerline.api.model.Event;
import dev.ledgerline.api.model.EventData;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.Map;

/** An event as the API shows it: the pull feeds list it, and a push delivers exactly its JSON. */
@Singleton
public class EventViews {

    private final JsonMapper json;

    public EventViews(JsonMapper json) {
        this.json = json;
    }

    public Event toApi(StoredEvent event) {
        return new Event(event.id(), dev.ledgerline.api.model.EventType.fromValue(event.type().value()), event.accountId(),
                event.sequence(), event.createdAt().atZone(ZoneOffset.UTC), new EventData(object(event.objectJson())));
    }

    /** The body of a push: the event serialized as the feed's answer serializes it. */
    public String body(StoredEvent event) {
        try {
            return json.writeValueAsString(toApi(event));
        } catch (IOException e) {
            throw new UncheckedIOException("An event did not serialize", e);
        }
    }

    private Map<String, Object> object(String objectJson) {
        try {
            return json.readValue(objectJson, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("A stored event's snapshot did not parse", e);
        }
    }
}
