package io.ensemble.pilot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pilot tables ({@code V15_1__pilot_sprint.sql}). Runs in the caller's transaction: inside the engine's when
 * called from the process, so a step that fails leaves neither engine state nor rows behind.
 */
@Repository
class PilotStore {

  record Pilot(String key, String name, String leadIntegrator, String serviceDeskQueue, String runbookReference,
      String duration, String checkpointInterval, String status, Instant startedAt, Instant endsAt, int extensions,
      String outcome, String outcomeNote, Double finalAttainment, Instant decidedAt, String decidedBy,
      Double weeksToDecision, String startedBy, String processInstanceId) {}

  record Member(String partnerKey, String role, Instant enrolledAt, String contact) {}

  record Checkpoint(int number, Instant dueAt, Instant ratedAt, Double attainment, Integer openCritical,
      Integer slaBreaches, String health, String reason, String missingPartners, Long decisionRecordId) {}

  record Metrics(int checkpoint, String partnerKey, String kpisJson, int openCritical, int slaBreaches,
      Instant fetchedAt) {}

  record Entry(String type, String actor, String note, Instant at) {}

  private final JdbcClient jdbc;

  PilotStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(PilotPlan plan, Instant startedAt, Instant endsAt, String startedBy, String processInstanceId) {
    jdbc.sql("""
        insert into pilot (pilot_key, name, lead_integrator, service_desk_queue, runbook_reference, duration,
          checkpoint_interval, status, started_at, ends_at, extensions, started_by, process_instance_id)
        values (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, 0, ?, ?)""")
        .params(plan.pilotKey(), plan.name(), plan.leadIntegrator(), plan.serviceDeskQueue(), plan.runbookReference(),
            plan.duration().toString(), plan.checkpointInterval().toString(), at(startedAt), at(endsAt), startedBy,
            processInstanceId)
        .update();
    int position = 0;
    for (PilotPlan.Member member : plan.lineUp()) {
      jdbc.sql("insert into pilot_partner (pilot_key, partner_key, role, position) values (?, ?, ?, ?)")
          .params(plan.pilotKey(), member.partnerKey(), member.role(), position++).update();
    }
    position = 0;
    for (PilotPlan.Criterion criterion : plan.criteria()) {
      jdbc.sql("insert into pilot_criterion (pilot_key, name, plan_value, weight, position) values (?, ?, ?, ?, ?)")
          .params(plan.pilotKey(), criterion.name(), criterion.plan(), criterion.weight(), position++).update();
    }
    position = 0;
    for (String step : plan.runbookSteps()) {
      jdbc.sql("insert into pilot_runbook_step (pilot_key, position, step) values (?, ?, ?)")
          .params(plan.pilotKey(), position++, step).update();
    }
  }

  boolean exists(String pilotKey) {
    return jdbc.sql("select count(*) from pilot where pilot_key = ?").param(pilotKey).query(Integer.class).single() > 0;
  }

  Optional<Pilot> pilot(String pilotKey) {
    return jdbc.sql("select * from pilot where pilot_key = ?").param(pilotKey).query(PilotStore::pilot).optional();
  }

  List<Member> members(String pilotKey) {
    return jdbc.sql("select * from pilot_partner where pilot_key = ? order by position").param(pilotKey)
        .query((rs, n) -> new Member(rs.getString("partner_key"), rs.getString("role"), instant(rs, "enrolled_at"),
            rs.getString("contact"))).list();
  }

  List<PilotPlan.Criterion> criteria(String pilotKey) {
    return jdbc.sql("select * from pilot_criterion where pilot_key = ? order by position").param(pilotKey)
        .query((rs, n) -> new PilotPlan.Criterion(rs.getString("name"), rs.getDouble("plan_value"),
            rs.getDouble("weight"))).list();
  }

  List<String> runbookSteps(String pilotKey) {
    return jdbc.sql("select step from pilot_runbook_step where pilot_key = ? order by position").param(pilotKey)
        .query(String.class).list();
  }

  void enrolled(String pilotKey, String partnerKey, String contact, Instant at) {
    jdbc.sql("update pilot_partner set enrolled_at = ?, contact = ? where pilot_key = ? and partner_key = ?")
        .params(at(at), contact, pilotKey, partnerKey).update();
  }

  boolean isMember(String pilotKey, String partnerKey) {
    return jdbc.sql("select count(*) from pilot_partner where pilot_key = ? and partner_key = ?")
        .params(pilotKey, partnerKey).query(Integer.class).single() > 0;
  }

  void openCheckpoint(String pilotKey, int number, Instant dueAt) {
    jdbc.sql("insert into pilot_checkpoint (pilot_key, number, due_at) values (?, ?, ?)")
        .params(pilotKey, number, at(dueAt)).update();
  }

  List<Checkpoint> checkpoints(String pilotKey) {
    return jdbc.sql("select * from pilot_checkpoint where pilot_key = ? order by number").param(pilotKey)
        .query(PilotStore::checkpoint).list();
  }

  Optional<Checkpoint> checkpoint(String pilotKey, int number) {
    return jdbc.sql("select * from pilot_checkpoint where pilot_key = ? and number = ?").params(pilotKey, number)
        .query(PilotStore::checkpoint).optional();
  }

  /** Stores a partner's answer once; a repeat for the same checkpoint keeps the first. */
  void saveMetrics(String pilotKey, int checkpoint, String partnerKey, String kpisJson, int openCritical,
      int slaBreaches, Instant at) {
    int known = jdbc.sql("""
        select count(*) from pilot_metrics where pilot_key = ? and checkpoint_number = ? and partner_key = ?""")
        .params(pilotKey, checkpoint, partnerKey).query(Integer.class).single();
    if (known == 0) {
      jdbc.sql("""
          insert into pilot_metrics (pilot_key, checkpoint_number, partner_key, kpis_json, open_critical,
            sla_breaches, fetched_at) values (?, ?, ?, ?, ?, ?, ?)""")
          .params(pilotKey, checkpoint, partnerKey, kpisJson, openCritical, slaBreaches, at(at)).update();
    }
  }

  List<Metrics> metrics(String pilotKey) {
    return jdbc.sql("select * from pilot_metrics where pilot_key = ? order by checkpoint_number, partner_key")
        .param(pilotKey)
        .query((rs, n) -> new Metrics(rs.getInt("checkpoint_number"), rs.getString("partner_key"),
            rs.getString("kpis_json"), rs.getInt("open_critical"), rs.getInt("sla_breaches"),
            instant(rs, "fetched_at"))).list();
  }

  void rated(String pilotKey, int number, Aggregation figures, Instant at) {
    jdbc.sql("""
        update pilot_checkpoint set rated_at = ?, attainment = ?, open_critical = ?, sla_breaches = ?,
          missing_partners = ? where pilot_key = ? and number = ?""")
        .params(at(at), figures.attainment(), figures.openCriticalIssues(), figures.slaBreaches(),
            figures.missingPartners().isEmpty() ? null : String.join(",", figures.missingPartners()), pilotKey, number)
        .update();
  }

  void health(String pilotKey, int number, String health, String reason, Long decisionRecordId) {
    jdbc.sql("update pilot_checkpoint set health = ?, reason = ?, decision_record_id = ? "
            + "where pilot_key = ? and number = ?")
        .params(health, reason, decisionRecordId, pilotKey, number).update();
  }

  void extend(String pilotKey, Instant endsAt) {
    jdbc.sql("update pilot set ends_at = ?, extensions = extensions + 1 where pilot_key = ?")
        .params(at(endsAt), pilotKey).update();
  }

  void decide(String pilotKey, String outcome, String note, String by, Instant at) {
    jdbc.sql("update pilot set outcome = ?, outcome_note = ?, decided_by = ?, decided_at = ? where pilot_key = ?")
        .params(outcome, note, by, at(at), pilotKey).update();
  }

  void close(String pilotKey, String status, Double finalAttainment, double weeksToDecision) {
    jdbc.sql("update pilot set status = ?, final_attainment = ?, weeks_to_decision = ? where pilot_key = ?")
        .params(status, finalAttainment, weeksToDecision, pilotKey).update();
  }

  void log(String pilotKey, String type, String actor, String note, Instant at) {
    jdbc.sql("insert into pilot_timeline (pilot_key, type, actor, note, occurred_at) values (?, ?, ?, ?, ?)")
        .params(pilotKey, type, actor, truncate(note, 2000), at(at)).update();
  }

  /** Logs a partner's event once per event id; false when it was logged before. */
  boolean logEvent(String pilotKey, String eventId, String type, String actor, String note, Instant at) {
    int known = jdbc.sql("select count(*) from pilot_timeline where pilot_key = ? and event_id = ?")
        .params(pilotKey, eventId).query(Integer.class).single();
    if (known > 0) {
      return false;
    }
    jdbc.sql("""
        insert into pilot_timeline (pilot_key, type, actor, note, occurred_at, event_id)
        values (?, ?, ?, ?, ?, ?)""")
        .params(pilotKey, type, actor, truncate(note, 2000), at(at), eventId).update();
    return true;
  }

  List<Entry> timeline(String pilotKey) {
    return jdbc.sql("select * from pilot_timeline where pilot_key = ? order by occurred_at, id").param(pilotKey)
        .query((rs, n) -> new Entry(rs.getString("type"), rs.getString("actor"), rs.getString("note"),
            instant(rs, "occurred_at"))).list();
  }

  static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Pilot pilot(ResultSet rs, int row) throws SQLException {
    return new Pilot(rs.getString("pilot_key"), rs.getString("name"), rs.getString("lead_integrator"),
        rs.getString("service_desk_queue"), rs.getString("runbook_reference"), rs.getString("duration"),
        rs.getString("checkpoint_interval"), rs.getString("status"), instant(rs, "started_at"),
        instant(rs, "ends_at"), rs.getInt("extensions"), rs.getString("outcome"), rs.getString("outcome_note"),
        nullableDouble(rs, "final_attainment"), instant(rs, "decided_at"), rs.getString("decided_by"),
        nullableDouble(rs, "weeks_to_decision"), rs.getString("started_by"), rs.getString("process_instance_id"));
  }

  private static Checkpoint checkpoint(ResultSet rs, int row) throws SQLException {
    long record = rs.getLong("decision_record_id");
    return new Checkpoint(rs.getInt("number"), instant(rs, "due_at"), instant(rs, "rated_at"),
        nullableDouble(rs, "attainment"), nullableInt(rs, "open_critical"), nullableInt(rs, "sla_breaches"),
        rs.getString("health"), rs.getString("reason"), rs.getString("missing_partners"),
        rs.wasNull() ? null : record);
  }
}
