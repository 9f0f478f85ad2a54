package io.ensemble.partnerapi.client;

import java.util.regex.Pattern;

/** {@code POST /v1/sandboxes} accepted: the sandbox is being provisioned, a callback will follow. */
public record SandboxProvisioning(String sandboxId, String status) implements CheckedAnswer {

  /** As the registry stores it ({@code partner.sandbox_id varchar(100)}) and callbacks may name it. */
  static final Pattern SANDBOX_ID = Pattern.compile("[\\x21-\\x7E]{1,100}");

  @Override
  public String problem() {
    if (sandboxId == null || sandboxId.isBlank()) {
      return "sandboxId is missing";
    }
    return SANDBOX_ID.matcher(sandboxId).matches() ? null
        : "sandboxId must be 1 to 100 printable characters without spaces, got " + sandboxId.length() + " characters";
  }
}
