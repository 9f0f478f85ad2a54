package io.ensemble.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.partner.PartnerType;
import io.ensemble.platform.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.spin.json.SpinJsonNode;
import static io.ensemble.onboarding.PartnerOnboardingProcess.Var.*;


/**
 * The start contract of {@code partner-onboarding}, checked: what a REST client or the Tasklist start form
 * submits becomes a typed request, or an {@link InvalidInputException} that names every problem.
 *
 * <p>Lists (capabilities, certifications) are accepted as a JSON variable, as a string holding a JSON array
 * (what simple clients send) or as a Java list; the contract value as any whole number (a form's number
 * field arrives as Integer).
 */
public record OnboardingRequest(String partnerKey, String partnerName, String partnerType,
    List<String> capabilities, String dataAccess, String jurisdiction, long annualContractValue,
    List<String> certifications, String apiBaseUrl) {

  public static final Pattern PARTNER_KEY_PATTERN = Pattern.compile("[a-z0-9-]{2,40}");
  static final Pattern CAPABILITY = Pattern.compile("[A-Z][A-Z0-9_]{1,59}");
  static final Pattern CERTIFICATION = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,29}");
  public static final List<String> PARTNER_TYPES =
      Arrays.stream(PartnerType.values()).map(PartnerType::name).toList();
  public static final List<String> DATA_ACCESS_LEVELS = List.of("NONE", "AGGREGATED", "PERSONAL");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads and checks the start variables; throws naming every missing, ill-typed or invalid one. */
  public static OnboardingRequest of(Map<String, Object> variables) {
    List<String> problems = new ArrayList<>();
    String key = string(variables, PARTNER_KEY, problems);
    if (key != null && !PARTNER_KEY_PATTERN.matcher(key).matches()) {
      problems.add(PARTNER_KEY + " must match [a-z0-9-]{2,40}, got '" + key + "'");
    }
    String name = string(variables, PARTNER_NAME, problems);
    if (name != null && (name.isBlank() || name.length() > 200)) {
      problems.add(PARTNER_NAME + " must be 1 to 200 characters");
    }
    String type = oneOf(variables, PARTNER_TYPE, PARTNER_TYPES, problems);
    List<String> capabilities = codes(variables, CAPABILITIES, CAPABILITY, problems);
    if (capabilities != null && capabilities.isEmpty()) {
      problems.add(CAPABILITIES + " must name at least one capability");
    }
    String dataAccess = oneOf(variables, DATA_ACCESS, DATA_ACCESS_LEVELS, problems);
    String jurisdiction = string(variables, JURISDICTION, problems);
    if (jurisdiction != null && !COUNTRIES.contains(jurisdiction)) {
      problems.add(JURISDICTION + " must be an ISO 3166-1 alpha-2 country code such as DE, got '" + jurisdiction + "'");
    }
    Long value = wholeNumber(variables, ANNUAL_CONTRACT_VALUE, problems);
    List<String> certifications = codes(variables, CERTIFICATIONS, CERTIFICATION, problems);
    String url = string(variables, API_BASE_URL, problems);
    if (url != null && !isHttpUrl(url)) {
      problems.add(API_BASE_URL + " must be an http or https URL with a host, got '" + url + "'");
    }
    Object timeout = variables.get(SANDBOX_TIMEOUT);
    if (timeout != null && !(timeout instanceof String s && isDuration(s))) {
      problems.add(SANDBOX_TIMEOUT + " must be an ISO 8601 duration such as P2D");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot start partner onboarding: " + String.join("; ", problems));
    }
    return new OnboardingRequest(key, name.strip(), type, capabilities, dataAccess, jurisdiction, value,
        certifications, url);
  }

  /** The lists as JSON text, the form in which the process keeps them (Spin JSON variables). */
  public String capabilitiesJson() {
    return toJson(capabilities);
  }

  public String certificationsJson() {
    return toJson(certifications);
  }

  private static String string(Map<String, Object> variables, String name, List<String> problems) {
    Object value = variables.get(name);
    if (value == null) {
      problems.add(name + " is missing");
      return null;
    }
    if (!(value instanceof String s)) {
      problems.add(name + " must be a String, got " + value.getClass().getSimpleName());
      return null;
    }
    return s.strip();
  }

  private static String oneOf(Map<String, Object> variables, String name, List<String> allowed,
      List<String> problems) {
    String value = string(variables, name, problems);
    if (value != null && !allowed.contains(value)) {
      problems.add(name + " must be one of " + allowed + ", got '" + value + "'");
      return null;
    }
    return value;
  }

  private static Long wholeNumber(Map<String, Object> variables, String name, List<String> problems) {
    Object value = variables.get(name);
    if (value == null) {
      problems.add(name + " is missing");
      return null;
    }
    Long number = null;
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      number = ((Number) value).longValue();
    } else if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      number = d.longValue();
    }
    if (number == null) {
      problems.add(name + " must be a whole number of euros (Long), got " + value.getClass().getSimpleName()
          + " " + value);
    } else if (number < 0) {
      problems.add(name + " must not be negative");
    }
    return number;
  }

  private static List<String> codes(Map<String, Object> variables, String name, Pattern code,
      List<String> problems) {
    Object value = variables.get(name);
    if (value == null) {
      problems.add(name + " is missing");
      return null;
    }
    List<?> items = null;
    try {
      if (value instanceof SpinJsonNode json && json.isArray()) {
        items = JSON.readValue(json.toString(), List.class);
      } else if (value instanceof String text && text.strip().startsWith("[")) {
        items = JSON.readValue(text, List.class);
      } else if (value instanceof Collection<?> collection) {
        items = List.copyOf(collection);
      }
    } catch (JsonProcessingException e) {
      items = null;
    }
    if (items == null) {
      problems.add(name + " must be a JSON array of codes such as [\"SOC2\"], got " + value.getClass().getSimpleName());
      return null;
    }
    List<String> codes = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String s) || !code.matcher(s).matches()) {
        problems.add(name + " must hold codes matching " + code + ", got " + item);
        return null;
      }
      if (!codes.contains(s)) {
        codes.add(s);
      }
    }
    return codes;
  }

  static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null && !uri.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * A positive ISO 8601 duration that the engine's own timer parser ({@code DurationHelper}, the one the
   * sandbox timer uses) accepts too: Java's parsers alone take {@code p2d}, {@code +P2D} or {@code P1Y2W}, which
   * the timer would refuse only once the instance got there.
   */
  static boolean isDuration(String value) {
    if (value.length() > 40 || value.startsWith("R") || value.contains("/")) {
      return false;
    }
    try {
      Date now = new Date(0);
      if (!new DurationHelper(value, now).getDateAfter(now).after(now)) {
        return false;
      }
      if (value.contains("T")) {
        return !Duration.parse(value).isNegative();
      }
      return !Period.parse(value).isNegative();
    } catch (Exception e) {
      return false;
    }
  }

  private static String toJson(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
