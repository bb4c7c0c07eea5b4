package io.hitorflop.security.egress;

import org.apache.hc.client5.http.DnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The client's only name resolver: it answers with the addresses the guard vetted for the request
 * running on this thread (the classic client connects on the calling thread) and refuses every
 * other name, so the connection goes to the checked address and a second DNS answer never counts.
 */
final class VettedDnsResolver implements DnsResolver {

    private final ThreadLocal<VettedDestination> current = new ThreadLocal<>();

    void vetted(VettedDestination destination) {
        current.set(destination);
    }

    void clear() {
        current.remove();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        VettedDestination destination = current.get();
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (destination == null || !destination.host().equals(name.toLowerCase(Locale.ROOT))) {
            throw new UnknownHostException(host + " was not vetted by the egress guard");
        }
        return destination.addresses().toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host)[0].getHostAddress();
    }
}
