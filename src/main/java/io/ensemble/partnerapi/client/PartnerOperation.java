package io.ensemble.partnerapi.client;

/** The operations of Ensemble Partner API v1 (DESIGN.md §5, {@code /partner-api/v1/openapi.yaml}). */
public enum PartnerOperation {
  CONFORMANCE("conformance", "GET", "/v1/conformance", PartnerApiErrors.PARTNER_REJECTED),
  PROVISION_SANDBOX("provisionSandbox", "POST", "/v1/sandboxes", PartnerApiErrors.SANDBOX_REJECTED),
  GET_SANDBOX("getSandbox", "GET", "/v1/sandboxes/{sandboxId}", PartnerApiErrors.PARTNER_REJECTED),
  // no model can act on a partner that refuses to remove a sandbox: it is an incident for a person to look at
  DEPROVISION_SANDBOX("deprovisionSandbox", "DELETE", "/v1/sandboxes/{sandboxId}", null),
  JOIN_PILOT("joinPilot", "POST", "/v1/pilots", PartnerApiErrors.PARTNER_REJECTED),
  PILOT_METRICS("pilotMetrics", "GET", "/v1/pilots/{pilotId}/metrics", PartnerApiErrors.PARTNER_REJECTED),
  REGISTER_OPPORTUNITY("registerOpportunity", "POST", "/v1/opportunities", PartnerApiErrors.PARTNER_REJECTED),
  PUBLISH_OFFER("publishOffer", "PUT", "/v1/offers/{offerKey}", PartnerApiErrors.PARTNER_REJECTED),
  SETTLEMENT_FIGURES("settlementFigures", "GET", "/v1/offers/{offerKey}/settlement-figures",
      PartnerApiErrors.PARTNER_REJECTED),
  NOTIFY("notify", "POST", "/v1/notifications", PartnerApiErrors.PARTNER_REJECTED),
  UPDATE_WEBHOOK("updateWebhook", "PUT", "/v1/webhook", PartnerApiErrors.PARTNER_REJECTED);

  private final String id;
  private final String method;
  private final String pathTemplate;
  private final String rejectionErrorCode;

  PartnerOperation(String id, String method, String pathTemplate, String rejectionErrorCode) {
    this.id = id;
    this.method = method;
    this.pathTemplate = pathTemplate;
    this.rejectionErrorCode = rejectionErrorCode;
  }

  /** The OpenAPI operationId. */
  public String id() { return id; }
  public String method() { return method; }
  public String pathTemplate() { return pathTemplate; }

  /**
   * The BPMN error code a business rejection (4xx) of this operation raises, for the model's boundary event;
   * {@code null} when a refusal is technical: the job is retried and ends as an incident, never as a BPMN
   * error that no boundary catches.
   */
  public String rejectionErrorCode() { return rejectionErrorCode; }
}
