package io.ensemble.partnerapi.client;

import java.util.List;

/** {@code GET /v1/conformance}: what the partner's implementation of the contract supports and attests. */
public record ConformanceReport(boolean conformant, String apiVersion, List<String> capabilities,
    List<String> problems, DataGovernance dataGovernance) {

  public ConformanceReport {
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /** Data-governance attestations: where data lives, certifications held, whether a DPA is signed. */
  public record DataGovernance(List<String> dataResidency, List<String> certifications, boolean dpaSigned) {
    public DataGovernance {
      dataResidency = dataResidency == null ? List.of() : List.copyOf(dataResidency);
      certifications = certifications == null ? List.of() : List.copyOf(certifications);
    }
  }
}
