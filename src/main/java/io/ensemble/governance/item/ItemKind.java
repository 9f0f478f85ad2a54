package io.ensemble.governance.item;

/** What a governance item is about; the label is how task names and forms speak of it. */
public enum ItemKind {
  RISK("Risk"),
  CUSTOMER_ISSUE("Customer issue"),
  TIMELINE("Timeline slip"),
  ESCALATION("Escalation");

  private final String label;

  ItemKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
