package dev.ledgerline.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address written as a literal, as proxies put them in {@code X-Forwarded-For} and
 * {@code Forwarded}. Only literals are parsed: {@link InetAddress#getByName} would look a host
 * name up in DNS, which a header must never make us do.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}):\\d{1,5}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private IpLiteral() {
    }

    /** {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1}, {@code [2001:db8::1]:4711}; quotes allowed. */
    static Optional<InetAddress> parse(String raw) {
        String value = raw.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            value = value.substring(1, close);
        } else {
            var withPort = IPV4_WITH_PORT.matcher(value);
            if (withPort.matches()) {
                value = withPort.group(1);
            }
        }
        boolean v4 = IPV4.matcher(value).matches() && validOctets(value);
        boolean v6 = !v4 && value.contains(":") && IPV6.matcher(value).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // A literal by the checks above, so this parses and never resolves.
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean validOctets(String v4) {
        for (String octet : v4.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
