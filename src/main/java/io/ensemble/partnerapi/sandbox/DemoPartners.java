package io.ensemble.partnerapi.sandbox;

import static io.ensemble.partner.PartnerType.*;

import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerType;
import io.ensemble.platform.LocalServer;
import io.ensemble.partner.PartnerStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The partners of the four demo cases (DESIGN.md §1), active and wired to the sandbox partner, so that the
 * default run makes real HTTP calls. Demo profile only; idempotent (existing partners are kept, only their
 * sandbox URL follows the server port).
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "ensemble.sandbox-partner.enabled", havingValue = "true")
public class DemoPartners {

  private static final Logger LOG = LoggerFactory.getLogger(DemoPartners.class);

  /** The credential reference of every demo partner (resolves to a demo token in the demo profile). */
  public static final String CREDENTIAL_REF = "ensemble.partner-api.credentials.sandbox";

  public record DemoPartner(String key, String name, PartnerType type, List<String> capabilities,
      List<String> regions, List<String> domains) {}

  /** The partners of the article's four cases; capabilities are the codes of the capability-map decision. */
  public static final List<DemoPartner> PARTNERS = List.of(
      // 1. telemetry to revenue
      new DemoPartner("meshgate", "Meshgate API Management", ISV,
          List.of("API_STANDARDISATION", "SUBSCRIPTION_BILLING"), List.of("EU", "NA"), List.of("TELEMETRY")),
      new DemoPartner("veilpoint", "Veilpoint Privacy Platform", DATA_PLATFORM,
          List.of("PRIVACY_SAFEGUARDS", "ANALYTICS"), List.of("EU"), List.of("TELEMETRY")),
      // 2. churn down
      new DemoPartner("pulsereach", "PulseReach Marketing Automation", MARKETING_AUTOMATION,
          List.of("MARKETING_AUTOMATION"), List.of("EU", "NA"), List.of("RETAIL", "TELCO")),
      new DemoPartner("stratus-data", "Stratus Data Cloud", DATA_PLATFORM,
          List.of("CLOUD_DATA_PLATFORM", "ANALYTICS"), List.of("EU", "NA", "APAC"), List.of("RETAIL", "TELCO")),
      new DemoPartner("keystone-integration", "Keystone Integration Partners", SYSTEM_INTEGRATOR,
          List.of("SYSTEM_INTEGRATION"), List.of("EU"), List.of("TELCO")),
      // 3. month-end close
      new DemoPartner("botworks", "Botworks RPA", RPA_VENDOR,
          List.of("ROBOTIC_PROCESS_AUTOMATION"), List.of("EU", "NA"), List.of("FINANCE")),
      new DemoPartner("documind", "DocuMind Document AI", DOCUMENT_AI,
          List.of("DOCUMENT_AI"), List.of("EU", "NA"), List.of("FINANCE")),
      new DemoPartner("clearpath-consulting", "Clearpath Process Consulting", CONSULTANCY,
          List.of("PROCESS_REDESIGN"), List.of("EU"), List.of("FINANCE")),
      // 4. new vertical, one month early
      new DemoPartner("orbis-delivery", "Orbis Global Delivery", GLOBAL_DELIVERY,
          List.of("ENGINEERING_SCALE", "SYSTEM_INTEGRATION"), List.of("EU", "NA", "APAC"),
          List.of("HEALTHCARE", "FINANCE")),
      new DemoPartner("nimbus-cloud", "Nimbus Cloud", CLOUD_PROVIDER,
          List.of("CLOUD_PLATFORM"), List.of("EU", "NA", "APAC"), List.of()),
      new DemoPartner("verity-health-si", "Verity Health Integrators", SYSTEM_INTEGRATOR,
          List.of("DOMAIN_INTEGRATION", "SYSTEM_INTEGRATION"), List.of("EU"), List.of("HEALTHCARE")));

  private final PartnerRepository partners;
  private final Environment environment;

  DemoPartners(PartnerRepository partners, Environment environment) {
    this.partners = partners;
    this.environment = environment;
  }

  @EventListener
  @Order(3)
  public void onStarted(ApplicationStartedEvent event) {
    String base = LocalServer.baseUrl(environment) + "/sandbox-partners/";
    for (DemoPartner demo : PARTNERS) {
      Partner partner = partners.findById(demo.key()).orElse(null);
      if (partner == null) {
        partner = new Partner(demo.key(), demo.name(), demo.type().name(), base + demo.key(), PartnerStatus.ACTIVE);
        partner.setCapabilities(demo.capabilities());
        partner.setRegions(demo.regions());
        partner.setDomains(demo.domains());
        partner.setCredentialRef(CREDENTIAL_REF);
        partners.save(partner);
        LOG.info("Created demo partner {} at {}", demo.key(), partner.getApiBaseUrl());
      } else if (partner.getApiBaseUrl().matches("http://localhost:\\d+/sandbox-partners/" + demo.key())) {
        // still wired to the built-in sandbox partner: follow the port this run listens on
        partner.setApiBaseUrl(base + demo.key());
        partners.save(partner);
      }
    }
  }
}
