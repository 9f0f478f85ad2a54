package io.ensemble.partnerapi.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where Ensemble may send a partner call: a partner's {@code apiBaseUrl} is checked when the partner is
 * registered and again before every call, after resolving its host name (a name that resolved to a public
 * address at registration may resolve to {@code 127.0.0.1} later: DNS rebinding).
 *
 * <p>Refused: schemes other than https ({@code ensemble.partner-api.egress.allow-http} admits http, in the demo
 * profile only), user-info in the URL, host names that do not resolve, and hosts with any address that is
 * unspecified, loopback, link-local (169.254/16 with the cloud metadata service, fe80::/10), private
 * (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), multicast or broadcast, also when embedded in an IPv6
 * address. URLs under a prefix listed in {@code ensemble.partner-api.egress.allow} skip the address rules (the
 * demo profile lists its own sandbox partner on localhost, nothing else); scheme and user-info rules still apply.
 *
 * <p>The call-time check resolves the name just before the HTTP client does; the JVM caches the answer
 * (30 s by default), so the client connects to the address that was checked.
 */
@Component
public class EgressPolicy {

  static final String ALLOW = "ensemble.partner-api.egress.allow";
  static final String ALLOW_HTTP = "ensemble.partner-api.egress.allow-http";

  /** Resolves a host name to all its addresses (the system resolver, or a fixed one in tests). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Environment environment;
  private final Resolver resolver;

  @Autowired
  public EgressPolicy(Environment environment) {
    this(environment, InetAddress::getAllByName);
  }

  public EgressPolicy(Environment environment, Resolver resolver) {
    this.environment = environment;
    this.resolver = resolver;
  }

  /** The rule a partner API base URL breaks, in words ("... resolves to a loopback address (127.0.0.1)"). */
  public Optional<String> violation(String url) {
    try {
      return violation(new URI(url));
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
  }

  /** The rule the URL breaks, resolving its host now; empty when Ensemble may call it. */
  public Optional<String> violation(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp())) {
      return Optional.of("must be an https URL" + (allowHttp() ? " or http URL" : "") + ", got scheme '"
          + scheme + "'");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not contain user name or password (user-info); partner credentials are "
          + "configured by reference");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of("must name a host");
    }
    if (isAllowListed(uri)) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      return Optional.of("host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      Optional<String> refused = refusedClass(address);
      if (refused.isPresent()) {
        return Optional.of("host " + host + " resolves to " + refused.get() + " address ("
            + address.getHostAddress() + "), which partner calls may not reach");
      }
    }
    return Optional.empty();
  }

  /** The class of address a partner call may not reach, e.g. "a loopback"; empty for a public address. */
  static Optional<String> refusedClass(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return Optional.of("an unspecified");
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("a loopback");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("a private");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast");
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      if (first == 0) {
        return Optional.of("an unspecified");
      }
      if (first == 100 && second >= 64 && second <= 127) {
        return Optional.of("a private (shared address space)");
      }
      if (Arrays.equals(bytes, new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255})) {
        return Optional.of("a broadcast");
      }
      return Optional.empty();
    }
    if (address instanceof Inet6Address) {
      if ((bytes[0] & 0xfe) == 0xfc) {
        return Optional.of("a private (unique local)");
      }
      Optional<InetAddress> embedded = embeddedIpv4(bytes);
      if (embedded.isPresent()) {
        return refusedClass(embedded.get());
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
  private static Optional<InetAddress> embeddedIpv4(byte[] v6) {
    try {
      boolean compatible = Arrays.equals(Arrays.copyOfRange(v6, 0, 12), new byte[12]);
      boolean nat64 = (v6[0] & 0xff) == 0x00 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff
          && (v6[3] & 0xff) == 0x9b && Arrays.equals(Arrays.copyOfRange(v6, 4, 12), new byte[8]);
      if (compatible || nat64) {
        return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(v6, 12, 16)));
      }
      if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
        return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(v6, 2, 6)));
      }
    } catch (UnknownHostException impossible) {
      // four bytes are always an address
    }
    return Optional.empty();
  }

  private boolean isAllowListed(URI uri) {
    String path = uri.normalize().getPath() == null ? "" : uri.normalize().getPath();
    if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
      return false;
    }
    for (String entry : allowList()) {
      URI allowed;
      try {
        allowed = new URI(entry.strip());
      } catch (URISyntaxException e) {
        continue;
      }
      if (allowed.getScheme() != null && allowed.getHost() != null
          && allowed.getScheme().equalsIgnoreCase(uri.getScheme())
          && allowed.getHost().equalsIgnoreCase(uri.getHost())
          && port(allowed) == port(uri)
          && path.startsWith(allowed.getPath() == null ? "" : allowed.getPath())) {
        return true;
      }
    }
    return false;
  }

  /** Read at every check: the demo entry names the port this application listens on, known once it listens. */
  private List<String> allowList() {
    return Binder.get(environment).bind(ALLOW, Bindable.listOf(String.class)).orElse(List.of());
  }

  private boolean allowHttp() {
    return environment.getProperty(ALLOW_HTTP, Boolean.class, false);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
