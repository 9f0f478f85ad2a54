package io.ensemble.partnerapi.client;

/** {@code POST /v1/sandboxes} accepted: the sandbox is being provisioned, a callback will follow. */
public record SandboxProvisioning(String sandboxId, String status) {}
