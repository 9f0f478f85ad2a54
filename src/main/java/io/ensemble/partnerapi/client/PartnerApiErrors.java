package io.ensemble.partnerapi.client;

/** BPMN error codes raised by partner calls; models catch them with error boundary events. */
public final class PartnerApiErrors {

  /** {@code POST /v1/sandboxes} answered 4xx: e.g. the deployment template is not supported. */
  public static final String SANDBOX_REJECTED = "SANDBOX_REJECTED";

  /** Any other business 4xx: the partner refused the request. */
  public static final String PARTNER_REJECTED = "PARTNER_REJECTED";

  private PartnerApiErrors() {}
}
