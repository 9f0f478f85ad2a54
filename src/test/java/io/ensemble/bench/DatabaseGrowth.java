package io.ensemble.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bytes and rows per table (PostgreSQL: table, indexes and TOAST), before and after a load, and what each history
 * level would keep of it: Camunda writes ACT_HI_PROCINST/ACTINST/TASKINST from level {@code activity}, adds
 * ACT_HI_VARINST at {@code audit}, and everything else of ACT_HI_* (details, job log, decisions, operation log,
 * incidents, identity links) only at {@code full}.
 */
final class DatabaseGrowth {

  record Table(String name, long bytes, long rows) {}

  record Growth(Map<String, Long> bytesPerTable, Map<String, Long> rowsPerTable) {
    long bytes(String group) {
      return bytesPerTable.entrySet().stream().filter(e -> group(e.getKey()).equals(group))
          .mapToLong(Map.Entry::getValue).sum();
    }

    long total() {
      return bytesPerTable.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  static final Set<String> ACTIVITY = Set.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst",
      "act_hi_caseinst", "act_hi_caseactinst");
  static final Set<String> AUDIT = Set.of("act_hi_varinst");

  /** history-activity, history-audit, history-full, runtime (ACT_RU_*, ACT_GE_*), application (Ensemble's own). */
  static String group(String table) {
    if (ACTIVITY.contains(table)) {
      return "history-activity";
    }
    if (AUDIT.contains(table)) {
      return "history-audit";
    }
    if (table.startsWith("act_hi_")) {
      return "history-full";
    }
    if (table.startsWith("act_")) {
      return "runtime";
    }
    return "application";
  }

  private final JdbcTemplate jdbc;

  DatabaseGrowth(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Map<String, Table> snapshot() {
    jdbc.execute("analyze");
    List<Table> tables = jdbc.query("select relname, pg_total_relation_size(relid), n_live_tup from pg_stat_user_tables",
        (rs, i) -> new Table(rs.getString(1).toLowerCase(), rs.getLong(2), rs.getLong(3)));
    Map<String, Table> byName = new LinkedHashMap<>();
    tables.forEach(table -> byName.put(table.name(), table));
    return byName;
  }

  static Growth between(Map<String, Table> before, Map<String, Table> after) {
    Map<String, Long> bytes = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    after.forEach((name, table) -> {
      Table old = before.get(name);
      long grownBytes = table.bytes() - (old == null ? 0 : old.bytes());
      long grownRows = table.rows() - (old == null ? 0 : old.rows());
      if (grownBytes != 0 || grownRows != 0) {
        bytes.put(name, grownBytes);
        rows.put(name, grownRows);
      }
    });
    return new Growth(bytes, rows);
  }
}
