package io.ensemble.pilot;

import static io.ensemble.pilot.PilotSprintProcess.Var.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.platform.InvalidInputException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The start contract of a pilot sprint, checked: from the Tasklist start form, an engine REST start or a calling
 * process's variables. Every problem is named at once ({@link InvalidInputException}, 400). Lists come as JSON
 * text (REST, call activity) or one entry per line (the start form's text areas).
 */
public record PilotPlan(String pilotKey, String name, List<Member> lineUp, String leadIntegrator,
    List<Criterion> criteria, Period duration, Period checkpointInterval, String serviceDeskQueue,
    String runbookReference, List<String> runbookSteps) {

  public record Member(String partnerKey, String role) {}

  public record Criterion(String name, double plan, double weight) {}

  public static final Period DEFAULT_INTERVAL = Period.ofWeeks(1);
  static final Pattern PILOT_KEY_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  static final Pattern PARTNER_KEY_PATTERN = Pattern.compile("[a-z0-9-]{2,40}");
  static final List<String> FIELDS = List.of(PILOT_KEY, PILOT_NAME, LINE_UP, LEAD_INTEGRATOR, CRITERIA, DURATION,
      CHECKPOINT_INTERVAL, SERVICE_DESK_QUEUE, RUNBOOK_REFERENCE, RUNBOOK_STEPS);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PARTNERS = 10;
  private static final int MAX_CRITERIA = 10;
  private static final int MAX_STEPS = 50;

  public static PilotPlan of(Map<String, ?> values) {
    List<String> problems = new ArrayList<>();
    String key = text(values, PILOT_KEY, 100, problems);
    if (key != null && !PILOT_KEY_PATTERN.matcher(key).matches()) {
      problems.add(PILOT_KEY + " must be 1 to 100 letters, digits, . _ : - (starting with a letter or digit), got '"
          + key + "'");
    }
    String name = text(values, PILOT_NAME, 200, problems);
    List<Member> lineUp = lineUp(values, problems);
    String lead = text(values, LEAD_INTEGRATOR, 40, problems);
    if (lead != null && lineUp != null && !ownItOrMember(lead, lineUp)) {
      problems.add(LEAD_INTEGRATOR + " must be a partner of the line-up or '" + PilotSprintProcess.OWN_IT
          + "' (the company's own IT), got '" + lead + "'");
    }
    List<Criterion> criteria = criteria(values, problems);
    Period duration = period(values, DURATION, null, problems);
    if (duration != null && (days(duration) < 7 || days(duration) > 84)) {
      problems.add(DURATION + " must be 1 to 12 weeks, got " + duration);
    }
    Period interval = period(values, CHECKPOINT_INTERVAL, DEFAULT_INTERVAL, problems);
    if (interval != null && days(interval) < 1) {
      problems.add(CHECKPOINT_INTERVAL + " must be at least one day, got " + interval);
    } else if (interval != null && duration != null && days(interval) > days(duration)) {
      problems.add(CHECKPOINT_INTERVAL + " " + interval + " must not be longer than the " + DURATION + " "
          + duration);
    }
    String queue = text(values, SERVICE_DESK_QUEUE, 200, problems);
    String runbook = text(values, RUNBOOK_REFERENCE, 500, problems);
    List<String> steps = steps(values, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot start pilot sprint: " + String.join("; ", problems));
    }
    return new PilotPlan(key, name, lineUp, lead, criteria, duration, interval, queue, runbook, steps);
  }

  private static boolean ownItOrMember(String lead, List<Member> lineUp) {
    return PilotSprintProcess.OWN_IT.equals(lead) || lineUp.stream().anyMatch(m -> m.partnerKey().equals(lead));
  }

  public List<String> partnerKeys() {
    return lineUp.stream().map(Member::partnerKey).toList();
  }

  /** Whole days of a period without months or years (checked by {@link #period}). */
  static int days(Period period) {
    return period.getDays();
  }

  private static List<Member> lineUp(Map<String, ?> values, List<String> problems) {
    List<JsonNode> entries = entries(values, LINE_UP, problems, "partnerKey", "role");
    if (entries == null) {
      return null;
    }
    int before = problems.size();
    List<Member> members = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode entry : entries) {
      String partner = entry.path("partnerKey").asText("").strip();
      String role = entry.path("role").asText("").strip();
      if (!PARTNER_KEY_PATTERN.matcher(partner).matches()) {
        problems.add(LINE_UP + ": partner key '" + partner + "' must match [a-z0-9-]{2,40}");
      } else if (!seen.add(partner)) {
        problems.add(LINE_UP + ": partner " + partner + " is listed twice");
      } else if (role.isEmpty() || role.length() > 100) {
        problems.add(LINE_UP + ": partner " + partner + " needs a role of 1 to 100 characters");
      } else {
        members.add(new Member(partner, role));
      }
    }
    return problems.size() > before ? null : limit(members, MAX_PARTNERS, LINE_UP, "partners", problems);
  }

  private static List<Criterion> criteria(Map<String, ?> values, List<String> problems) {
    List<JsonNode> entries = entries(values, CRITERIA, problems, "name", "plan", "weight");
    if (entries == null) {
      return null;
    }
    int before = problems.size();
    List<Criterion> criteria = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode entry : entries) {
      String name = entry.path("name").asText("").strip();
      Double plan = number(entry.path("plan"));
      Double weight = number(entry.path("weight"));
      if (name.isEmpty() || name.length() > 100) {
        problems.add(CRITERIA + ": every KPI needs a name of 1 to 100 characters");
      } else if (!seen.add(name)) {
        problems.add(CRITERIA + ": KPI " + name + " is listed twice");
      } else if (plan == null || plan <= 0) {
        problems.add(CRITERIA + ": KPI " + name + " needs a plan value above 0");
      } else if (weight == null || weight <= 0) {
        problems.add(CRITERIA + ": KPI " + name + " needs a weight above 0");
      } else {
        criteria.add(new Criterion(name, plan, weight));
      }
    }
    return problems.size() > before ? null : limit(criteria, MAX_CRITERIA, CRITERIA, "KPIs", problems);
  }

  private static List<String> steps(Map<String, ?> values, List<String> problems) {
    Object value = values.get(RUNBOOK_STEPS);
    String raw = raw(value, RUNBOOK_STEPS, problems);
    if (raw == null) {
      return null;
    }
    List<String> steps = new ArrayList<>();
    if (raw.startsWith("[")) {
      JsonNode array = json(raw, RUNBOOK_STEPS, problems);
      if (array == null) {
        return null;
      }
      array.forEach(step -> steps.add(step.asText("").strip()));
    } else {
      raw.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(steps::add);
    }
    if (steps.stream().anyMatch(step -> step.isEmpty() || step.length() > 1000)) {
      problems.add(RUNBOOK_STEPS + ": every step must be 1 to 1000 characters");
      return null;
    }
    return limit(steps, MAX_STEPS, RUNBOOK_STEPS, "steps", problems);
  }

  /** JSON array of objects, or lines of {@code a | b | c} mapped onto the given field names. */
  private static List<JsonNode> entries(Map<String, ?> values, String name, List<String> problems,
      String... fields) {
    String raw = raw(values.get(name), name, problems);
    if (raw == null) {
      return null;
    }
    List<JsonNode> entries = new ArrayList<>();
    if (raw.startsWith("[")) {
      JsonNode array = json(raw, name, problems);
      if (array == null) {
        return null;
      }
      array.forEach(entries::add);
      return entries;
    }
    for (String line : raw.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      String[] parts = line.split("\\|", -1);
      if (parts.length != fields.length) {
        problems.add(name + ": line '" + line + "' must be " + String.join(" | ", fields));
        return null;
      }
      var entry = JSON.createObjectNode();
      for (int i = 0; i < fields.length; i++) {
        entry.put(fields[i], parts[i].strip());
      }
      entries.add(entry);
    }
    return entries;
  }

  private static String raw(Object value, String name, List<String> problems) {
    if (value == null || value.toString().isBlank()) {
      problems.add(name + " is missing");
      return null;
    }
    if (!(value instanceof String) && !value.getClass().getName().startsWith("org.camunda.spin")) {
      problems.add(name + " must be JSON text or one entry per line");
      return null;
    }
    String raw = value.toString().strip();
    if (raw.length() > 20_000) {
      problems.add(name + " must be at most 20000 characters");
      return null;
    }
    return raw;
  }

  private static JsonNode json(String raw, String name, List<String> problems) {
    try {
      JsonNode node = JSON.readTree(raw);
      if (!node.isArray() || node.isEmpty()) {
        problems.add(name + " must be a non-empty JSON array");
        return null;
      }
      return node;
    } catch (JsonProcessingException e) {
      problems.add(name + " is not valid JSON (" + e.getOriginalMessage() + ")");
      return null;
    }
  }

  private static <T> List<T> limit(List<T> list, int max, String name, String what, List<String> problems) {
    if (list.isEmpty()) {
      problems.add(name + " needs at least one entry");
      return null;
    }
    if (list.size() > max) {
      problems.add(name + " may list at most " + max + " " + what + ", got " + list.size());
      return null;
    }
    return List.copyOf(list);
  }

  private static Double number(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    try {
      return node.isTextual() ? Double.valueOf(node.asText().strip()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Period period(Map<String, ?> values, String name, Period fallback, List<String> problems) {
    Object value = values.get(name);
    if (value == null || value.toString().isBlank()) {
      if (fallback == null) {
        problems.add(name + " is missing");
      }
      return fallback;
    }
    try {
      Period period = Period.parse(value.toString().strip());
      if (period.getYears() != 0 || period.getMonths() != 0 || period.isNegative()) {
        problems.add(name + " must be given in weeks or days (e.g. P4W, P28D), got '" + value + "'");
        return null;
      }
      return period;
    } catch (DateTimeParseException e) {
      problems.add(name + " must be an ISO 8601 period in weeks or days (e.g. P4W, P28D), got '" + value + "'");
      return null;
    }
  }

  private static String text(Map<String, ?> values, String name, int max, List<String> problems) {
    Object value = values.get(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      problems.add(name + " is missing");
      return null;
    }
    if (!(value instanceof String s)) {
      problems.add(name + " must be a string");
      return null;
    }
    if (s.strip().length() > max) {
      problems.add(name + " must be at most " + max + " characters, got " + s.strip().length());
      return null;
    }
    return s.strip();
  }
}
