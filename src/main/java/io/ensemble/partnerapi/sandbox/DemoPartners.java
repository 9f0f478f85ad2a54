package io.ensemble.partnerapi.sandbox;

import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
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

  public record DemoPartner(String key, String name, String type, List<String> capabilities, List<String> regions,
      List<String> domains) {}

  public static final List<DemoPartner> PARTNERS = List.of(
      // 1. telemetry to revenue
      new DemoPartner("meshgate", "Meshgate API Management", "ISV",
          List.of("API_MANAGEMENT", "API_STANDARDISATION", "USAGE_METERING"), List.of("EU", "NA"), List.of("TELEMETRY")),
      new DemoPartner("veilpoint", "Veilpoint Privacy Platform", "DATA_PLATFORM",
          List.of("PRIVACY_ENGINEERING", "CONSENT_MANAGEMENT", "DATA_ANONYMISATION"), List.of("EU"), List.of("TELEMETRY")),
      // 2. churn down
      new DemoPartner("pulsereach", "PulseReach Marketing Automation", "ISV",
          List.of("MARKETING_AUTOMATION", "CUSTOMER_JOURNEYS"), List.of("EU", "NA"), List.of("RETAIL", "TELCO")),
      new DemoPartner("stratus-data", "Stratus Data Cloud", "CLOUD_DATA_PLATFORM",
          List.of("CUSTOMER_DATA_GRAPH", "DATA_PLATFORM", "ML_CHURN_MODELS"), List.of("EU", "NA", "APAC"),
          List.of("RETAIL", "TELCO")),
      new DemoPartner("keystone-integration", "Keystone Integration Partners", "SYSTEM_INTEGRATOR",
          List.of("SYSTEM_INTEGRATION", "CRM_INTEGRATION"), List.of("EU"), List.of("TELCO")),
      // 3. month-end close
      new DemoPartner("botworks", "Botworks RPA", "ISV",
          List.of("RPA", "PROCESS_AUTOMATION"), List.of("EU", "NA"), List.of("FINANCE")),
      new DemoPartner("documind", "DocuMind Document AI", "AI_VENDOR",
          List.of("DOCUMENT_AI", "INVOICE_EXTRACTION"), List.of("EU", "NA"), List.of("FINANCE")),
      new DemoPartner("clearpath-consulting", "Clearpath Process Consulting", "CONSULTANCY",
          List.of("PROCESS_REDESIGN", "CHANGE_MANAGEMENT"), List.of("EU"), List.of("FINANCE")),
      // 4. new vertical, one month early
      new DemoPartner("orbis-delivery", "Orbis Global Delivery", "GLOBAL_DELIVERY_PARTNER",
          List.of("GLOBAL_DELIVERY", "SYSTEM_INTEGRATION", "MANAGED_SERVICES"), List.of("EU", "NA", "APAC"),
          List.of("HEALTHCARE", "FINANCE")),
      new DemoPartner("nimbus-cloud", "Nimbus Cloud", "CLOUD_PROVIDER",
          List.of("CLOUD_PLATFORM", "PLATFORM_CREDITS"), List.of("EU", "NA", "APAC"), List.of()),
      new DemoPartner("verity-health-si", "Verity Health Integrators", "SYSTEM_INTEGRATOR",
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
    String base = "http://localhost:"
        + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"))
        + "/sandbox-partners/";
    for (DemoPartner demo : PARTNERS) {
      Partner partner = partners.findById(demo.key()).orElse(null);
      if (partner == null) {
        partner = new Partner(demo.key(), demo.name(), demo.type(), base + demo.key(), PartnerStatus.ACTIVE);
        partner.setCapabilities(demo.capabilities());
        partner.setRegions(demo.regions());
        partner.setDomains(demo.domains());
        partner.setCredentialRef(CREDENTIAL_REF);
        partners.save(partner);
        LOG.info("Created demo partner {} at {}", demo.key(), partner.getApiBaseUrl());
      } else if (!partner.getApiBaseUrl().equals(base + demo.key())
          && partner.getApiBaseUrl().startsWith("http://localhost:")
          && partner.getApiBaseUrl().contains("/sandbox-partners/")) {
        partner.setApiBaseUrl(base + demo.key());
        partners.save(partner);
      }
    }
  }
}
