package io.ensemble.partnerapi.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo partners speak the same language as the decisions that will pick them. */
class DemoPartnersTest {

  private static final Pattern QUOTED_CODE = Pattern.compile("<text>\"([A-Z_]+)\"</text>");

  @Test
  void everyDemoCapabilityIsOneTheCapabilityMapCanAskFor() throws Exception {
    Set<String> codes = QUOTED_CODE.matcher(Files.readString(Path.of("dmn/capability-map.dmn"))).results()
        .map(m -> m.group(1)).collect(Collectors.toSet());

    assertThat(DemoPartners.PARTNERS).allSatisfy(partner ->
        assertThat(codes).as("capabilities of %s", partner.key()).containsAll(partner.capabilities()));
  }

  @Test
  void everyCaseOfTheArticleHasItsPartners() {
    assertThat(DemoPartners.PARTNERS).extracting(DemoPartners.DemoPartner::key)
        .contains("meshgate", "pulsereach", "stratus-data", "keystone-integration", "botworks", "documind",
            "clearpath-consulting", "orbis-delivery", "nimbus-cloud", "verity-health-si")
        .doesNotHaveDuplicates();
  }
}
