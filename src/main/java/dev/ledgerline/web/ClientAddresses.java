package dev.ledgerline.web;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling, as the login throttles count it. The socket's peer, unless that peer is one of
 * the configured trusted proxies: then the forwarding headers are walked from the right (the entry
 * the nearest proxy appended) past every trusted proxy, and the first address that is not one is
 * the client. Entries to the left of it are whatever the client sent and are never believed, so a
 * forged {@code X-Forwarded-For} buys no fresh quota. Micronaut's own resolver takes the leftmost
 * entry from anyone, which is why it is not used here.
 *
 * <p>IPv6 clients are counted by their /64: one subscriber usually holds a whole /64 and could
 * otherwise pick a new address for every guess.
 */
// Built at start-up, so a malformed BILLING_HTTP_TRUSTED_PROXIES stops it rather than the first login.
@Context
public class ClientAddresses {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final List<Cidr> trusted;

    public ClientAddresses(HttpProperties properties) {
        this.trusted = parse(properties.trustedProxies());
    }

    /** The key of the client of the request being served ({@code unknown} outside a request). */
    public String current() {
        return ServerRequestContext.currentRequest().map(this::of).orElse("unknown");
    }

    String of(HttpRequest<?> request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        if (peer == null) {
            return "unknown";
        }
        return key(trustedPeer(peer) ? forwardedClient(request, peer) : peer);
    }

    private boolean trustedPeer(InetAddress address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private InetAddress forwardedClient(HttpRequest<?> request, InetAddress peer) {
        List<String> hops = hops(request);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
            if (hop.isEmpty()) {
                // Garbage (or "unknown") where a proxy should have written an address: stop at the
                // last hop we could check rather than believe anything further left.
                return client;
            }
            client = hop.get();
            if (!trustedPeer(client)) {
                return client;
            }
        }
        return client;
    }

    /** The forwarded-for entries, oldest first: X-Forwarded-For if present, else Forwarded's {@code for=}. */
    static List<String> hops(HttpRequest<?> request) {
        List<String> hops = new ArrayList<>();
        List<String> xff = request.getHeaders().getAll(X_FORWARDED_FOR);
        if (!xff.isEmpty()) {
            for (String header : xff) {
                for (String entry : header.split(",")) {
                    hops.add(entry.trim());
                }
            }
            return hops;
        }
        for (String header : request.getHeaders().getAll(HttpHeaders.FORWARDED)) {
            for (String element : header.split(",")) {
                String forAddress = "";
                for (String pair : element.split(";")) {
                    String[] nameValue = pair.trim().split("=", 2);
                    if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("for")) {
                        forAddress = nameValue[1].trim();
                    }
                }
                hops.add(forAddress);
            }
        }
        return hops;
    }

    static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }

    static List<Cidr> parse(String raw) {
        List<Cidr> networks = new ArrayList<>();
        if (raw == null) {
            return networks;
        }
        for (String entry : raw.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            networks.add(Cidr.parse(entry).orElseThrow(() -> new ConfigurationException(
                    "BILLING_HTTP_TRUSTED_PROXIES: '" + entry.trim() + "' is not an IP address or CIDR (e.g. 10.0.0.0/8)")));
        }
        return List.copyOf(networks);
    }
}
