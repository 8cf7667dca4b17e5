package dev.ledgerline.web;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The literals the forwarding headers may hold, the trusted-proxy networks and the keys clients are counted by. */
class ClientAddressParsingTest {

    private static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }

    @Test
    void onlyLiteralsAreParsedNeverHostNames() {
        assertEquals("192.0.2.1", ip("192.0.2.1").getHostAddress());
        assertEquals("192.0.2.1", ip("\"192.0.2.1:4711\"").getHostAddress());
        assertEquals(ip("2001:db8::1"), ip("\"[2001:db8::1]:4711\""));
        assertEquals(Optional.empty(), IpLiteral.parse("localhost"));
        assertEquals(Optional.empty(), IpLiteral.parse("example.com"));
        assertEquals(Optional.empty(), IpLiteral.parse("unknown"));
        assertEquals(Optional.empty(), IpLiteral.parse("256.1.1.1"));
        assertEquals(Optional.empty(), IpLiteral.parse("_hidden"));
        assertEquals(Optional.empty(), IpLiteral.parse(""));
    }

    @Test
    void networksContainTheirAddressesOnly() {
        Cidr tenEight = Cidr.parse("10.0.0.0/8").orElseThrow();
        assertTrue(tenEight.contains(ip("10.200.3.4")));
        assertFalse(tenEight.contains(ip("11.0.0.1")));
        assertFalse(tenEight.contains(ip("fd00::1")), "another family");
        Cidr odd = Cidr.parse("192.168.4.0/22").orElseThrow();
        assertTrue(odd.contains(ip("192.168.7.255")));
        assertFalse(odd.contains(ip("192.168.8.0")));
        Cidr one = Cidr.parse("127.0.0.1").orElseThrow();
        assertTrue(one.contains(ip("127.0.0.1")));
        assertFalse(one.contains(ip("127.0.0.2")));
        assertTrue(Cidr.parse("fd00::/8").orElseThrow().contains(ip("fd12:3456::1")));
        assertEquals(Optional.empty(), Cidr.parse("10.0.0.0/33"));
        assertEquals(Optional.empty(), Cidr.parse("proxy.internal/8"));
    }

    @Test
    void aBadTrustedProxyListStopsTheStartUp() {
        assertEquals(2, ClientAddresses.parse(" 10.0.0.0/8 , ,fd00::/8").size());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ClientAddresses.parse("10.0.0.0/8,lb.internal"));
        assertTrue(e.getMessage().contains("BILLING_HTTP_TRUSTED_PROXIES"));
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        assertEquals(ClientAddresses.key(ip("2001:db8:1:2::5")), ClientAddresses.key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")));
        assertFalse(ClientAddresses.key(ip("2001:db8:1:2::5")).equals(ClientAddresses.key(ip("2001:db8:1:3::5"))));
        assertEquals("203.0.113.9", ClientAddresses.key(ip("203.0.113.9")));
    }
}
