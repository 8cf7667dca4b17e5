package dev.ledgerline.store;

import software.amazon.awssdk.core.SdkBytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Large text kept only for the record (a webhook's raw body) is stored gzipped as a binary
 * attribute: DynamoDB bills a write unit per started kilobyte of the item, on the put and again on
 * every later update, and a Stripe event's JSON shrinks to about a third.
 */
public final class Gzip {

    private Gzip() {
    }

    public static SdkBytes compress(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return SdkBytes.fromByteArrayUnsafe(out.toByteArray());
    }

    public static String decompress(SdkBytes bytes) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes.asByteArrayUnsafe()))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException corrupt) {
            throw new UncheckedIOException(corrupt);
        }
    }
}
