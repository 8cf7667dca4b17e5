package dev.ledgerline.store;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** One page of a newest-first listing; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
}
