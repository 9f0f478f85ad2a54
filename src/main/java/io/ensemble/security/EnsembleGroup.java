package io.ensemble.security;

/** The Camunda groups of Ensemble (DESIGN.md §2). Models name them as candidate groups by id. */
public enum EnsembleGroup {
  ALLIANCE_MANAGERS("alliance-managers", "Alliance managers"),
  SECURITY("security", "Security"),
  DATA_GOVERNANCE("data-governance", "Data governance"),
  LEGAL("legal", "Legal"),
  FINANCE("finance", "Finance"),
  SALES("sales", "Sales"),
  EXECUTIVES("executives", "Executives"),
  GOVERNANCE_OFFICE("governance-office", "Governance office"),
  CIO("cio", "CIO office"),
  /** Operators' monitoring: reads metrics ({@code /actuator/prometheus}, {@code /actuator/metrics}), no tasks. */
  MONITORING("monitoring", "Monitoring");

  /** Camunda's administrators group, created by the starter with the admin user. */
  public static final String CAMUNDA_ADMIN = "camunda-admin";

  private final String id;
  private final String displayName;

  EnsembleGroup(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  /** Whether the group works in Tasklist (has tasks and filters); only monitoring does not. */
  public boolean worksInTasklist() {
    return this != MONITORING;
  }

  public String displayName() {
    return displayName;
  }

  /** The display name of a group id, or the id itself for a group Ensemble does not define. */
  public static String displayNameOf(String groupId) {
    for (EnsembleGroup group : values()) {
      if (group.id.equals(groupId)) {
        return group.displayName;
      }
    }
    return groupId;
  }
}
