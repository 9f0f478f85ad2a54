package io.ensemble.partnerapi.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The egress policy on its own: every address class, IPv6, names that resolve inside, the allow-list. */
class EgressPolicyTest {

  /** A resolver as DNS might answer: partner.example is public, rebound.example points at loopback. */
  private static InetAddress[] resolve(String host) throws UnknownHostException {
    return switch (host) {
      case "partner.example" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
      case "rebound.example" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
      case "dual.example" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("::1")};
      case "metadata.example" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
      default -> InetAddress.getAllByName(host);
    };
  }

  private static EgressPolicy policy(MockEnvironment environment) {
    return new EgressPolicy(environment, EgressPolicyTest::resolve);
  }

  private static final MockEnvironment PRODUCTION = new MockEnvironment();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      https://127.0.0.1/                    | a loopback
      https://127.8.9.10/                   | a loopback
      https://localhost/                    | a loopback
      https://rebound.example/v1            | a loopback
      https://[::1]/                        | a loopback
      https://[::ffff:127.0.0.1]/           | a loopback
      https://[::127.0.0.1]/                | a loopback
      https://0.0.0.0/                      | an unspecified
      https://[::]/                         | an unspecified
      https://0.1.2.3/                      | an unspecified
      https://169.254.169.254/latest/       | a link-local
      https://metadata.example/             | a link-local
      https://[fe80::1]/                    | a link-local
      https://10.1.2.3/                     | a private
      https://172.16.0.1/                   | a private
      https://172.31.255.255/               | a private
      https://192.168.0.1/                  | a private
      https://100.64.0.1/                   | a private (shared address space)
      https://[fc00::1]/                    | a private (unique local)
      https://[fd12:3456::1]/               | a private (unique local)
      https://[64:ff9b::a00:1]/             | a private
      https://[2002:7f00:1::]/              | a loopback
      https://224.0.0.1/                    | a multicast
      https://[ff02::1]/                    | a multicast
      https://255.255.255.255/              | a broadcast
      https://dual.example/                 | a loopback
      """)
  void refusesEveryAddressClassInside(String url, String addressClass) {
    assertThat(policy(PRODUCTION).violation(url)).get().asString().contains("resolves to " + addressClass + " address");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      https://partner.example/v1
      https://93.184.216.34:8443/
      https://[2606:2800:220:1:248:1893:25c8:1946]/
      """)
  void admitsPublicHttpsAddresses(String url) {
    assertThat(policy(PRODUCTION).violation(url)).isEmpty();
  }

  @Test
  void refusesHttpUnlessAllowedAndNeverUserInfo() {
    assertThat(policy(PRODUCTION).violation("http://partner.example/")).get().asString().contains("must be an https URL");
    MockEnvironment demo = new MockEnvironment().withProperty(EgressPolicy.ALLOW_HTTP, "true");
    assertThat(policy(demo).violation("http://partner.example/")).isEmpty();
    assertThat(policy(demo).violation("http://user:pass@partner.example/")).get().asString().contains("user-info");
    assertThat(policy(PRODUCTION).violation("https://token@partner.example/")).get().asString().contains("user-info");
    assertThat(policy(PRODUCTION).violation("https://partner.invalid/")).get().asString().contains("does not resolve");
  }

  @Test
  void theAllowListAdmitsExactlyTheListedPrefix() {
    MockEnvironment demo = new MockEnvironment().withProperty(EgressPolicy.ALLOW_HTTP, "true")
        .withProperty("local.server.port", "18090")
        .withProperty(EgressPolicy.ALLOW + "[0]", "http://localhost:${local.server.port}/sandbox-partners/");
    EgressPolicy policy = policy(demo);

    assertThat(policy.violation("http://localhost:18090/sandbox-partners/meshgate")).isEmpty();
    assertThat(policy.violation("http://localhost:18090/actuator")).get().asString().contains("loopback");
    assertThat(policy.violation("http://localhost:18090/sandbox-partners/../actuator")).get().asString()
        .contains("loopback");
    assertThat(policy.violation("http://localhost:18091/sandbox-partners/meshgate")).get().asString()
        .contains("loopback");
    assertThat(policy.violation("http://127.0.0.1:18090/sandbox-partners/meshgate")).get().asString()
        .contains("loopback");
    assertThat(policy.violation("https://localhost:18090/sandbox-partners/meshgate")).get().asString()
        .contains("loopback");
  }
}
