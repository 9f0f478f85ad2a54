package io.ensemble.governance.item;

import static io.ensemble.governance.item.GovernanceItemProcess.Var.*;

import io.ensemble.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What raising an item needs, checked: from a REST body, a Tasklist start form or another process's variables.
 * Every problem is named at once ({@link InvalidInputException}, 400).
 */
public record RaiseRequest(ItemKind kind, ItemSeverity severity, String title, String description,
    String partnerKey, String initiativeKey, String pilotKey, String offerKey) {

  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 10_000;
  static final Pattern PARTNER_KEY = Pattern.compile("[a-z0-9-]{2,40}");
  static final Pattern SOURCE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  static final List<String> FIELDS = List.of(KIND, SEVERITY, TITLE, DESCRIPTION, PARTNER_KEY_VAR, INITIATIVE_KEY,
      PILOT_KEY, OFFER_KEY);

  public static RaiseRequest of(Map<String, ?> values) {
    List<String> problems = new ArrayList<>();
    ItemKind kind = choice(values, KIND, ItemKind.class, problems);
    ItemSeverity severity = choice(values, SEVERITY, ItemSeverity.class, problems);
    String title = text(values, TITLE, true, MAX_TITLE, problems);
    String description = text(values, DESCRIPTION, false, MAX_DESCRIPTION, problems);
    String partnerKey = key(values, PARTNER_KEY_VAR, PARTNER_KEY, "[a-z0-9-]{2,40}", problems);
    String initiativeKey = key(values, INITIATIVE_KEY, SOURCE_KEY, "1 to 100 letters, digits, . _ : -", problems);
    String pilotKey = key(values, PILOT_KEY, SOURCE_KEY, "1 to 100 letters, digits, . _ : -", problems);
    String offerKey = key(values, OFFER_KEY, SOURCE_KEY, "1 to 100 letters, digits, . _ : -", problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot raise a governance item: " + String.join("; ", problems));
    }
    return new RaiseRequest(kind, severity, title, description, partnerKey, initiativeKey, pilotKey, offerKey);
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

  private static String text(Map<String, ?> values, String name, boolean required, int max, List<String> problems) {
    Object value = values.get(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (required) {
        problems.add(name + " is missing");
      }
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

  private static String key(Map<String, ?> values, String name, Pattern pattern, String rule, List<String> problems) {
    String key = text(values, name, false, 100, problems);
    if (key != null && !pattern.matcher(key).matches()) {
      problems.add(name + " must match " + rule + ", got '" + key + "'");
      return null;
    }
    return key;
  }

  /** Whether the item concerns a partner, who is then told of it and of its closure. */
  public boolean concernsPartner() {
    return partnerKey != null;
  }
}
