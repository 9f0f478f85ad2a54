package io.ensemble.partnerapi.client;

/**
 * {@code GET /v1/sandboxes/{sandboxId}}: what the partner knows about a sandbox. {@code READY} and {@code FAILED}
 * are final and say what {@code sandbox.ready} / {@code sandbox.failed} say.
 */
public record SandboxState(String sandboxId, State state, String endpointUrl, String reason) {

  public enum State { PROVISIONING, READY, FAILED }

  public boolean isFinal() {
    return state == State.READY || state == State.FAILED;
  }
}
