package io.ensemble.launch;

import static io.ensemble.launch.JointLaunchProcess.Var.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.initiative.GoalMetric;
import io.ensemble.launch.PricingService.CustomerSegment;
import io.ensemble.launch.PricingService.PricingInput;
import io.ensemble.launch.PricingService.UsagePredictability;
import io.ensemble.launch.RevenueShareService.Participant;
import io.ensemble.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The start contract of {@code joint-launch}, checked: every problem is named at once (400). Lists (line-up, price
 * book, SLA terms) arrive as JSON (a string, a Spin JSON value or a list) and go to the offer tables, not to
 * process variables.
 */
record OfferRequest(String offerKey, String name, List<Participant> lineUp, PricingInput pricing,
    List<PriceBookEntry> priceBook, List<String> slaTerms, LocalDate targetLaunchDate, BigDecimal outcomeTarget,
    Period settlementPeriod) {

  static final Pattern OFFER_KEY_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
  static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");
  static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  static final int MAX_PRICE_BOOK = 50;
  static final int MAX_SLA_TERMS = 20;
  /** The variables the start contract names; the lists among them are removed from the instance after start. */
  static final List<String> LISTS = List.of(LINE_UP, PRICE_BOOK, SLA_TERMS);

  record PriceBookEntry(String sku, String description, String unit, BigDecimal price, String currency) {}

  static OfferRequest of(Map<String, ?> values, LocalDate today, Period defaultPeriod, ObjectMapper json) {
    List<String> problems = new ArrayList<>();
    String offerKey = text(values, OFFER_KEY, 60, problems);
    if (offerKey != null && !OFFER_KEY_PATTERN.matcher(offerKey).matches()) {
      problems.add(OFFER_KEY + " must be 2 to 60 lower-case letters, digits and -, got '" + offerKey + "'");
    }
    String name = text(values, OFFER_NAME, 200, problems);
    List<Participant> lineUp = lineUp(values, json, problems);
    GoalMetric goal = choice(values, GOAL_METRIC, GoalMetric.class, problems);
    Boolean measurable = flag(values, OUTCOME_MEASURABLE, problems);
    UsagePredictability usage = choice(values, USAGE_PREDICTABILITY, UsagePredictability.class, problems);
    CustomerSegment segment = choice(values, CUSTOMER_SEGMENT, CustomerSegment.class, problems);
    Boolean dataProduct = flag(values, DATA_PRODUCT, problems);
    List<PriceBookEntry> priceBook = priceBook(values, json, problems);
    List<String> slaTerms = slaTerms(values, json, problems);
    LocalDate target = date(values, TARGET_LAUNCH_DATE, problems);
    if (target != null && !target.isAfter(today)) {
      problems.add(TARGET_LAUNCH_DATE + " must be after today (" + today + "), got " + target);
    }
    BigDecimal outcomeTarget = outcomeTarget(values, Boolean.TRUE.equals(measurable), problems);
    Period period = period(values, defaultPeriod, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot start a joint launch: " + String.join("; ", problems));
    }
    PricingInput pricing = new PricingInput(goal, measurable, usage, lineUp.size(), segment, dataProduct);
    return new OfferRequest(offerKey, name, lineUp, pricing, priceBook, slaTerms, target, outcomeTarget, period);
  }

  /** The offer's currency: the price book's one currency. */
  String currency() {
    return priceBook.get(0).currency();
  }

  private static List<Participant> lineUp(Map<String, ?> values, ObjectMapper json, List<String> problems) {
    JsonNode list = list(values, LINE_UP, json, problems);
    if (list == null) {
      return List.of();
    }
    if (list.isEmpty() || list.size() > RevenueShareService.MAX_PARTNERS) {
      problems.add(LINE_UP + " must name 1 to " + RevenueShareService.MAX_PARTNERS + " partners, got " + list.size());
      return List.of();
    }
    List<Participant> lineUp = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String key = entry.path("partnerKey").asText(null);
      String role = entry.path("role").asText(null);
      PartnerRole partnerRole = Arrays.stream(PartnerRole.values()).filter(r -> r.name().equals(role))
          .findFirst().orElse(null);
      if (key == null || key.isBlank()) {
        problems.add(LINE_UP + "[" + i + "].partnerKey is missing");
      } else if (!keys.add(key)) {
        problems.add(LINE_UP + " names partner '" + key + "' twice");
      }
      if (partnerRole == null) {
        problems.add(LINE_UP + "[" + i + "].role must be one of " + Arrays.toString(PartnerRole.values())
            + ", got '" + role + "'");
      }
      lineUp.add(new Participant(key, partnerRole));
    }
    return lineUp;
  }

  private static List<PriceBookEntry> priceBook(Map<String, ?> values, ObjectMapper json, List<String> problems) {
    JsonNode list = list(values, PRICE_BOOK, json, problems);
    if (list == null) {
      return List.of();
    }
    if (list.isEmpty() || list.size() > MAX_PRICE_BOOK) {
      problems.add(PRICE_BOOK + " must have 1 to " + MAX_PRICE_BOOK + " entries, got " + list.size());
      return List.of();
    }
    List<PriceBookEntry> entries = new ArrayList<>();
    Set<String> skus = new HashSet<>();
    Set<String> currencies = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String at = PRICE_BOOK + "[" + i + "]";
      String sku = entry.path("sku").asText("");
      if (!SKU.matcher(sku).matches()) {
        problems.add(at + ".sku must be 1 to 60 letters, digits, . _ -, got '" + sku + "'");
      } else if (!skus.add(sku)) {
        problems.add(PRICE_BOOK + " lists SKU '" + sku + "' twice");
      }
      String description = entry.path("description").asText("").strip();
      if (description.isEmpty() || description.length() > 500) {
        problems.add(at + ".description must be 1 to 500 characters");
      }
      String unit = entry.path("unit").asText("").strip();
      if (unit.isEmpty() || unit.length() > 60) {
        problems.add(at + ".unit must be 1 to 60 characters");
      }
      BigDecimal price = entry.path("price").isNumber() ? entry.path("price").decimalValue() : null;
      if (price == null || price.signum() < 0 || price.scale() > 2 || price.precision() - price.scale() > 17) {
        problems.add(at + ".price must be a non-negative amount with at most 2 decimals");
      }
      String currency = entry.path("currency").asText("");
      if (!CURRENCY.matcher(currency).matches()) {
        problems.add(at + ".currency must be an ISO 4217 code such as EUR, got '" + currency + "'");
      }
      currencies.add(currency);
      entries.add(new PriceBookEntry(sku, description, unit, price, currency));
    }
    if (currencies.size() > 1) {
      problems.add(PRICE_BOOK + " must use one currency, got " + currencies.stream().sorted().toList());
    }
    return entries;
  }

  private static List<String> slaTerms(Map<String, ?> values, ObjectMapper json, List<String> problems) {
    JsonNode list = list(values, SLA_TERMS, json, problems);
    if (list == null) {
      return List.of();
    }
    if (list.isEmpty() || list.size() > MAX_SLA_TERMS) {
      problems.add(SLA_TERMS + " must have 1 to " + MAX_SLA_TERMS + " terms, got " + list.size());
      return List.of();
    }
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String term = list.get(i).isTextual() ? list.get(i).asText().strip() : "";
      if (term.isEmpty() || term.length() > 1000) {
        problems.add(SLA_TERMS + "[" + i + "] must be a text of 1 to 1000 characters");
      }
      terms.add(term);
    }
    return terms;
  }

  private static JsonNode list(Map<String, ?> values, String name, ObjectMapper json, List<String> problems) {
    Object value = values.get(name);
    if (value == null) {
      problems.add(name + " is missing");
      return null;
    }
    JsonNode node;
    try {
      node = value instanceof String s ? json.readTree(s)
          : value instanceof List<?> l ? json.valueToTree(l)
          : json.readTree(value.toString()); // a Spin JSON value prints as its JSON
    } catch (Exception e) {
      problems.add(name + " must be a JSON list");
      return null;
    }
    if (node == null || !node.isArray()) {
      problems.add(name + " must be a JSON list");
      return null;
    }
    return node;
  }

  static String text(Map<String, ?> values, String name, int max, List<String> problems) {
    Object value = values.get(name);
    if (!(value instanceof String s) || s.isBlank()) {
      problems.add(name + (value == null ? " is missing" : " must be a non-empty string"));
      return null;
    }
    if (s.strip().length() > max) {
      problems.add(name + " must be at most " + max + " characters");
      return null;
    }
    return s.strip();
  }

  static <E extends Enum<E>> E choice(Map<String, ?> values, String name, Class<E> type, List<String> problems) {
    Object value = values.get(name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    problems.add(name + (value == null ? " is missing" : " must be one of "
        + Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'"));
    return null;
  }

  static Boolean flag(Map<String, ?> values, String name, List<String> problems) {
    Object value = values.get(name);
    if (!(value instanceof Boolean b)) {
      problems.add(name + (value == null ? " is missing" : " must be true or false"));
      return null;
    }
    return b;
  }

  private static LocalDate date(Map<String, ?> values, String name, List<String> problems) {
    Object value = values.get(name);
    if (value == null) {
      problems.add(name + " is missing");
      return null;
    }
    try {
      return LocalDate.parse(value.toString());
    } catch (DateTimeParseException e) {
      problems.add(name + " must be a date such as 2027-03-01, got '" + value + "'");
      return null;
    }
  }

  /** Required when the outcome is measurable (only then can pricing-model choose outcome-based pricing). */
  static BigDecimal outcomeTarget(Map<String, ?> values, boolean measurable, List<String> problems) {
    Object value = values.get(OUTCOME_TARGET);
    if (value == null) {
      if (measurable) {
        problems.add(OUTCOME_TARGET + " is required when the outcome is measurable (outcome-based pricing pays "
            + "partners against it)");
      }
      return null;
    }
    try {
      BigDecimal target = new BigDecimal(value.toString());
      if (target.signum() <= 0) {
        problems.add(OUTCOME_TARGET + " must be positive, got " + value);
        return null;
      }
      return target;
    } catch (NumberFormatException e) {
      problems.add(OUTCOME_TARGET + " must be a number, got '" + value + "'");
      return null;
    }
  }

  private static Period period(Map<String, ?> values, Period defaultPeriod, List<String> problems) {
    Object value = values.get(SETTLEMENT_PERIOD);
    if (value == null) {
      return defaultPeriod;
    }
    try {
      Period period = Period.parse(value.toString());
      if (period.isNegative() || period.isZero()) {
        problems.add(SETTLEMENT_PERIOD + " must be positive, got " + value);
      }
      return period;
    } catch (DateTimeParseException e) {
      problems.add(SETTLEMENT_PERIOD + " must be an ISO 8601 period such as P1M, got '" + value + "'");
      return null;
    }
  }
}
