package io.hitorflop.security.egress;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a URL may be requested (server-side request forgery defence, OWASP SSRF
 * prevention cheat sheet): http or https only, no credentials in the URL, and every address the
 * host stands for must be public or allow-listed. Numeric hosts in any IPv4 spelling are read
 * here, never sent to DNS; a host that resolves to several addresses is refused if any one is
 * forbidden, since the client could pick it.
 */
public final class EgressGuard {

    private static final List<String> SCHEMES = List.of("http", "https");

    private final EgressPolicy policy;
    private final HostResolver resolver;

    public EgressGuard(EgressPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    public EgressGuard(EgressPolicy policy) {
        this(policy, HostResolver.SYSTEM);
    }

    public VettedDestination vet(String url) throws ForbiddenDestinationException {
        try {
            return vet(new URI(url == null ? "" : url.strip()));
        } catch (URISyntaxException malformed) {
            throw new ForbiddenDestinationException("not a valid URL: " + malformed.getMessage());
        }
    }

    public VettedDestination vet(URI uri) throws ForbiddenDestinationException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new ForbiddenDestinationException("only http and https URLs are fetched, not '" + uri.getScheme() + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ForbiddenDestinationException("URLs with credentials (user@host) are refused");
        }
        String host = host(uri);
        List<InetAddress> addresses = addresses(host);
        boolean hostAllowed = policy.allowsHost(host);
        for (InetAddress address : addresses) {
            AddressClass type = AddressClassifier.classify(address);
            if (type != AddressClass.PUBLIC && !hostAllowed && !policy.allowsAddress(address)) {
                throw new ForbiddenDestinationException("host '" + host + "' is " + address.getHostAddress() + ", "
                        + type.description() + "; requests there are refused");
            }
        }
        return new VettedDestination(uri, host, addresses);
    }

    /** The host of the URL, lower case, brackets removed; the authority is parsed by hand when java.net.URI gives up on it. */
    private static String host(URI uri) throws ForbiddenDestinationException {
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI leaves host null for names it considers invalid (e.g. underscores); parse the authority.
            String authority = uri.getRawAuthority();
            host = authority.startsWith("[") ? authority.substring(0, authority.indexOf(']') + 1)
                    : authority.replaceFirst(":\\d*$", "");
        }
        if (host == null || host.isEmpty()) {
            throw new ForbiddenDestinationException("the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private List<InetAddress> addresses(String host) throws ForbiddenDestinationException {
        if (host.contains(":")) {
            try {
                return List.of(InetAddress.getByName(host.replaceFirst("%.*$", "")));
            } catch (UnknownHostException malformed) {
                throw new ForbiddenDestinationException("'" + host + "' is not a valid IPv6 address");
            }
        }
        if (Ipv4Literal.endsInANumber(host)) {
            Optional<java.net.Inet4Address> literal = Ipv4Literal.parse(host);
            if (literal.isEmpty()) {
                throw new ForbiddenDestinationException("'" + host + "' is neither a host name nor a valid IPv4 address");
            }
            return List.of(literal.get());
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException malformed) {
            throw new ForbiddenDestinationException("'" + host + "' is not a valid host name");
        }
        try {
            InetAddress[] resolved = resolver.resolve(ascii);
            if (resolved.length == 0) {
                throw new ForbiddenDestinationException("host '" + host + "' has no address");
            }
            return Arrays.asList(resolved);
        } catch (UnknownHostException unknown) {
            throw new ForbiddenDestinationException("host '" + host + "' could not be resolved");
        }
    }
}
