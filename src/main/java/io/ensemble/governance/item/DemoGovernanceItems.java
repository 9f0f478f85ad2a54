package io.ensemble.governance.item;

import io.ensemble.partner.PartnerRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A handful of governance items over the article's four cases, so that Tasklist, Cockpit and the KPIs show
 * something. Demo profile only; idempotent (each has its idempotency key, so a restart raises nothing twice).
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "ensemble.governance.demo-items", havingValue = "true", matchIfMissing = true)
class DemoGovernanceItems {

  record DemoItem(String key, ItemKind kind, ItemSeverity severity, String title, String description,
      String partnerKey, String initiativeKey, String pilotKey) {}

  static final List<DemoItem> ITEMS = List.of(
      new DemoItem("demo-telemetry-risk", ItemKind.RISK, ItemSeverity.HIGH,
          "Telemetry API v2 breaks the insight product's usage tiers",
          "Meshgate deprecates the v1 event schema in March; the tiered pricing counts v1 events.",
          "meshgate", "telemetry-to-revenue", null),
      new DemoItem("demo-churn-consent", ItemKind.CUSTOMER_ISSUE, ItemSeverity.CRITICAL,
          "Unified customer graph drops consent flags for EU contacts",
          "Two pilot customers saw marketing emails sent to contacts who had withdrawn consent.",
          "stratus-data", "churn-down", "churn-down-pilot"),
      new DemoItem("demo-close-vat", ItemKind.CUSTOMER_ISSUE, ItemSeverity.HIGH,
          "Invoice OCR misses VAT lines",
          "DocuMind extracts net amounts but drops VAT lines on multi-rate invoices; month-end close is off by 2 %.",
          "documind", "month-end-close", "month-end-close-pilot"),
      new DemoItem("demo-vertical-timeline", ItemKind.TIMELINE, ItemSeverity.MEDIUM,
          "Domain integration test environment two weeks late",
          "The healthcare test tenant is not provisioned; the launch buffer shrinks from four weeks to two.",
          "verity-health-si", "new-vertical", null),
      new DemoItem("demo-vertical-credits", ItemKind.ESCALATION, ItemSeverity.LOW,
          "Platform credits not yet confirmed by the cloud provider",
          "Nimbus Cloud's partner manager has not countersigned the credits letter.",
          "nimbus-cloud", "new-vertical", null));

  private final GovernanceRegister register;
  private final PartnerRepository partners;

  DemoGovernanceItems(GovernanceRegister register, PartnerRepository partners) {
    this.register = register;
    this.partners = partners;
  }

  @EventListener
  @Order(6)
  public void onStarted(ApplicationStartedEvent event) {
    for (DemoItem demo : ITEMS) {
      Map<String, Object> fields = new HashMap<>();
      fields.put(GovernanceItemProcess.Var.KIND, demo.kind().name());
      fields.put(GovernanceItemProcess.Var.SEVERITY, demo.severity().name());
      fields.put(GovernanceItemProcess.Var.TITLE, demo.title());
      fields.put(GovernanceItemProcess.Var.DESCRIPTION, demo.description());
      fields.put(GovernanceItemProcess.Var.PARTNER_KEY_VAR,
          partners.existsById(demo.partnerKey()) ? demo.partnerKey() : null);
      fields.put(GovernanceItemProcess.Var.INITIATIVE_KEY, demo.initiativeKey());
      fields.put(GovernanceItemProcess.Var.PILOT_KEY, demo.pilotKey());
      register.raise(RaiseRequest.of(fields), Raiser.person("demo", List.of()), demo.key());
    }
  }
}
