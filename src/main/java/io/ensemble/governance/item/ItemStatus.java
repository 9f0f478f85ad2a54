package io.ensemble.governance.item;

/** Where an item stands: raised, assigned to its owning group (after triage or reopening), handed back, resolved, closed. */
public enum ItemStatus {
  RAISED, ASSIGNED, HANDED_BACK, RESOLVED, CLOSED;

  public boolean isOpen() {
    return this != CLOSED;
  }
}
