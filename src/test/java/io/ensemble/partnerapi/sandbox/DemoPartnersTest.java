package io.ensemble.partnerapi.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.initiative.GoalMetric;
import io.ensemble.initiative.OfferingKind;
import io.ensemble.support.DmnTable;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo partners speak the same language as the decisions that will pick them. */
class DemoPartnersTest {

  @Test
  void everyDemoCapabilityIsOneTheCapabilityMapCanAskFor() {
    DmnTable capabilityMap = DmnTable.load("capability-map");
    Set<String> asked = new HashSet<>();
    for (GoalMetric goal : GoalMetric.values()) {
      for (OfferingKind kind : OfferingKind.values()) {
        asked.addAll(capabilityMap.evaluate(Map.of("goalMetric", goal.name(), "offeringKind", kind.name()))
            .result().collectEntries("capability"));
      }
    }

    assertThat(DemoPartners.PARTNERS).allSatisfy(partner ->
        assertThat(asked).as("capabilities of %s", partner.key()).containsAll(partner.capabilities()));
  }

  @Test
  void everyCaseOfTheArticleHasItsPartners() {
    assertThat(DemoPartners.PARTNERS).extracting(DemoPartners.DemoPartner::key)
        .contains("meshgate", "pulsereach", "stratus-data", "keystone-integration", "botworks", "documind",
            "clearpath-consulting", "orbis-delivery", "nimbus-cloud", "verity-health-si")
        .doesNotHaveDuplicates();
  }
}
