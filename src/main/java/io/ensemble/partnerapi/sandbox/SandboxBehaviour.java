package io.ensemble.partnerapi.sandbox;

import java.util.List;

/**
 * How a sandbox partner behaves; one per partner key, changeable at runtime
 * ({@code PUT /sandbox-partners/{partnerKey}/behaviour}, fields not given keep their value).
 *
 * @param conformant           what {@code GET /v1/conformance} reports
 * @param sandboxOutcome       the callback after {@code POST /v1/sandboxes}: READY, FAILED, or SILENT (none)
 * @param callbackDelayMillis  how long after accepting a sandbox its outcome is known and the callback is sent
 * @param latencyMillis        added before every answer (after the effect: a slow answer may be lost)
 * @param faultRate            share (0..1) of requests answered 503 without any effect
 * @param failWith             when set (500, 503, 429 …), every request is answered with it, without effect
 * @param unsupportedTemplates deployment templates refused with 422
 * @param kpiAttainment        actual/plan of the pilot KPIs reported
 * @param openCriticalIssues   open critical issues reported
 * @param slaBreaches          SLA breaches reported
 * @param callbackLossRate     share (0..1) of sandbox callbacks never sent although the sandbox reaches its outcome
 *                             (only {@code GET /v1/sandboxes/{id}} tells): a lost callback
 */
public record SandboxBehaviour(boolean conformant, SandboxOutcome sandboxOutcome, long callbackDelayMillis,
    long latencyMillis, double faultRate, Integer failWith, List<String> unsupportedTemplates,
    double kpiAttainment, int openCriticalIssues, int slaBreaches, double callbackLossRate) {

  public enum SandboxOutcome { READY, FAILED, SILENT }

  public static final SandboxBehaviour DEFAULT =
      new SandboxBehaviour(true, SandboxOutcome.READY, 500, 0, 0.0, null, List.of("unsupported"), 1.0, 0, 0, 0.0);

  public SandboxBehaviour {
    unsupportedTemplates = unsupportedTemplates == null ? List.of() : List.copyOf(unsupportedTemplates);
    if (sandboxOutcome == null) {
      sandboxOutcome = SandboxOutcome.READY;
    }
    if (faultRate < 0 || faultRate > 1) {
      throw new IllegalArgumentException("faultRate must be between 0 and 1");
    }
    if (callbackLossRate < 0 || callbackLossRate > 1) {
      throw new IllegalArgumentException("callbackLossRate must be between 0 and 1");
    }
    if (failWith != null && (failWith < 400 || failWith > 599)) {
      throw new IllegalArgumentException("failWith must be an HTTP error status");
    }
  }
}
