package io.ensemble.governance.item;

/** How bad a governance item is; Tasklist orders and filters by the task priority derived from it. */
public enum ItemSeverity {
  LOW(25), MEDIUM(50), HIGH(75), CRITICAL(100);

  private final int taskPriority;

  ItemSeverity(int taskPriority) {
    this.taskPriority = taskPriority;
  }

  public int taskPriority() {
    return taskPriority;
  }
}
