package io.ensemble.onboarding;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.onboarding.PartnerOnboardingProcess.Var;
import io.ensemble.support.LogCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every way a client can get an onboarding start wrong is answered 4xx with a message a person understands,
 * echoes at most a little of the input, and leaves nothing behind: no instance, no history, no registry row.
 * Client mistakes are one WARN line each, never an ERROR or a stack trace.
 */
class OnboardingBadStartsTest extends OnboardingHttpSupport {

  static final String START = "/engine-rest/process-definition/key/partner-onboarding/start";
  static final String LONG = "x".repeat(10_000);

  @Autowired TestRestTemplate rest;

  /** One bad start: replace (or, with a null value, remove) one variable, or send a raw body. */
  record BadStart(String problem, String variable, String value, String rawBody, int status, String message) {
    @Override
    public String toString() {
      return problem;
    }
  }

  static BadStart variable(String problem, String variable, String value, String message) {
    return new BadStart(problem, variable, value, null, 400, message);
  }

  static BadStart body(String problem, String rawBody, String message) {
    return new BadStart(problem, null, null, rawBody, 400, message);
  }

  static String text(String value) {
    return "{\"value\": \"" + value + "\"}";
  }

  static String jsonVariable(String jsonText) {
    return "{\"type\": \"Json\", \"value\": \"" + jsonText.replace("\"", "\\\"") + "\"}";
  }

  static List<BadStart> badStarts() {
    List<BadStart> cases = new ArrayList<>(List.of(
        // partner key
        variable("missing partner key", Var.PARTNER_KEY, null, "partnerKey is missing"),
        variable("partner key with a space", Var.PARTNER_KEY, text("Acme Corp"), "partnerKey must match"),
        variable("partner key of one character", Var.PARTNER_KEY, text("a"), "partnerKey must match"),
        variable("partner key of 41 characters", Var.PARTNER_KEY, text("k".repeat(41)), "partnerKey must match"),
        variable("partner key in capitals", Var.PARTNER_KEY, text("ACME"), "partnerKey must match"),
        variable("partner key with underscore", Var.PARTNER_KEY, text("acme_corp"), "partnerKey must match"),
        variable("empty partner key", Var.PARTNER_KEY, text(""), "partnerKey must match"),
        variable("partner key as a number", Var.PARTNER_KEY, "{\"value\": 42, \"type\": \"Integer\"}",
            "partnerKey must be a String"),
        variable("partner key of 10 kB", Var.PARTNER_KEY, text(LONG), "partnerKey is 10000 characters long"),
        // name
        variable("missing name", Var.PARTNER_NAME, null, "partnerName is missing"),
        variable("empty name", Var.PARTNER_NAME, text(""), "partnerName must be 1 to 200 characters"),
        variable("blank name", Var.PARTNER_NAME, text("   "), "partnerName must be 1 to 200 characters"),
        variable("name of 3000 characters", Var.PARTNER_NAME, text("n".repeat(3000)), "partnerName must be 1 to 200"),
        variable("name of 201 characters", Var.PARTNER_NAME, text("n".repeat(201)), "partnerName must be 1 to 200"),
        variable("name of 10 kB", Var.PARTNER_NAME, text(LONG), "partnerName is 10000 characters long"),
        variable("name as a number", Var.PARTNER_NAME, "{\"value\": 5, \"type\": \"Integer\"}",
            "partnerName must be a String"),
        variable("name as a boolean", Var.PARTNER_NAME, "{\"value\": true, \"type\": \"Boolean\"}",
            "partnerName must be a String"),
        // type
        variable("missing type", Var.PARTNER_TYPE, null, "partnerType is missing"),
        variable("unknown type", Var.PARTNER_TYPE, text("RESELLER"), "partnerType must be one of"),
        variable("type in lower case", Var.PARTNER_TYPE, text("isv"), "partnerType must be one of"),
        variable("type of 5000 characters", Var.PARTNER_TYPE, text("T".repeat(5000)), "partnerType is 5000 characters long"),
        variable("type as a number", Var.PARTNER_TYPE, "{\"value\": 1, \"type\": \"Integer\"}",
            "partnerType must be a String"),
        // capabilities
        variable("missing capabilities", Var.CAPABILITIES, null, "capabilities is missing"),
        variable("capabilities as a plain word", Var.CAPABILITIES, text("CRM"), "capabilities must be a JSON array"),
        variable("capabilities typed Json holding no JSON", Var.CAPABILITIES, jsonVariable("not json"),
            "capabilities"),
        variable("capabilities typed Json holding an object", Var.CAPABILITIES, jsonVariable("{}"),
            "capabilities must be a JSON array"),
        variable("no capability", Var.CAPABILITIES, jsonVariable("[]"), "capabilities must name at least one"),
        variable("capabilities that are numbers", Var.CAPABILITIES, jsonVariable("[1, 2]"),
            "capabilities must hold codes"),
        variable("capability in lower case", Var.CAPABILITIES, jsonVariable("[\"analytics\"]"),
            "capabilities must hold codes"),
        variable("capabilities as a broken JSON string", Var.CAPABILITIES, text("[not json"),
            "capabilities must be a JSON array"),
        variable("capabilities typed Json, truncated", Var.CAPABILITIES, jsonVariable("[\"CRM\""), "capabilities"),
        // data access
        variable("missing data access", Var.DATA_ACCESS, null, "dataAccess is missing"),
        variable("unknown data access", Var.DATA_ACCESS, text("ALL"), "dataAccess must be one of"),
        variable("empty data access", Var.DATA_ACCESS, text(""), "dataAccess must be one of"),
        // jurisdiction
        variable("missing jurisdiction", Var.JURISDICTION, null, "jurisdiction is missing"),
        variable("unknown country", Var.JURISDICTION, text("XX"), "jurisdiction must be an ISO 3166-1"),
        variable("country by name", Var.JURISDICTION, text("Germany"), "jurisdiction must be an ISO 3166-1"),
        variable("country in lower case", Var.JURISDICTION, text("de"), "jurisdiction must be an ISO 3166-1"),
        // contract value
        variable("missing contract value", Var.ANNUAL_CONTRACT_VALUE, null, "annualContractValue is missing"),
        variable("contract value as words", Var.ANNUAL_CONTRACT_VALUE, text("lots"),
            "annualContractValue must be a whole number"),
        variable("negative contract value", Var.ANNUAL_CONTRACT_VALUE, "{\"value\": -1, \"type\": \"Long\"}",
            "annualContractValue must not be negative"),
        variable("fractional contract value", Var.ANNUAL_CONTRACT_VALUE, "{\"value\": 1.5, \"type\": \"Double\"}",
            "annualContractValue must be a whole number"),
        variable("contract value as a boolean", Var.ANNUAL_CONTRACT_VALUE, "{\"value\": true, \"type\": \"Boolean\"}",
            "annualContractValue must be a whole number"),
        variable("contract value typed Long holding words", Var.ANNUAL_CONTRACT_VALUE,
            "{\"value\": \"lots\", \"type\": \"Long\"}", "The value 'lots' is not a valid Long"),
        // certifications
        variable("missing certifications", Var.CERTIFICATIONS, null, "certifications is missing"),
        variable("certifications typed Json holding no JSON", Var.CERTIFICATIONS, jsonVariable("nope"),
            "certifications"),
        variable("certification as a plain word", Var.CERTIFICATIONS, text("SOC2"), "certifications must be a JSON array"),
        variable("certification with a space", Var.CERTIFICATIONS, jsonVariable("[\"soc 2\"]"),
            "certifications must hold codes"),
        // API base URL: syntax
        variable("missing API base URL", Var.API_BASE_URL, null, "apiBaseUrl is missing"),
        variable("ftp URL", Var.API_BASE_URL, text("ftp://partner.example"), "apiBaseUrl must be an http or https URL"),
        variable("not a URL", Var.API_BASE_URL, text("partner dot example"), "apiBaseUrl must be an http or https URL"),
        variable("URL without host", Var.API_BASE_URL, text("http://"), "apiBaseUrl must be an http or https URL"),
        variable("URL of 10 kB", Var.API_BASE_URL, text("https://partner.example/" + LONG), "apiBaseUrl"),
        // API base URL: egress policy, each address class
        variable("cloud metadata address", Var.API_BASE_URL, text("http://169.254.169.254/latest/meta-data/"),
            "link-local"),
        variable("own actuator on localhost", Var.API_BASE_URL, text("http://localhost:8080/actuator"), "loopback"),
        variable("database port on loopback", Var.API_BASE_URL, text("http://127.0.0.1:5432/"), "loopback"),
        variable("IPv6 loopback", Var.API_BASE_URL, text("http://[::1]:8080/"), "loopback"),
        variable("unspecified address", Var.API_BASE_URL, text("http://0.0.0.0:8080/"), "unspecified"),
        variable("IPv6 unspecified address", Var.API_BASE_URL, text("http://[::]:8080/"), "unspecified"),
        variable("credentials in the URL", Var.API_BASE_URL, text("http://user:pass@partner.example/"), "user-info"),
        variable("private 10/8", Var.API_BASE_URL, text("http://10.0.0.5/"), "private"),
        variable("private 172.16/12", Var.API_BASE_URL, text("http://172.16.0.1/"), "private"),
        variable("private 192.168/16", Var.API_BASE_URL, text("http://192.168.1.1/"), "private"),
        variable("shared address space 100.64/10", Var.API_BASE_URL, text("http://100.64.0.1/"), "private"),
        variable("IPv6 link-local", Var.API_BASE_URL, text("http://[fe80::1]/"), "link-local"),
        variable("IPv6 unique local", Var.API_BASE_URL, text("http://[fc00::1]/"), "private"),
        variable("multicast", Var.API_BASE_URL, text("http://224.0.0.1/"), "multicast"),
        variable("IPv4-mapped IPv6 loopback", Var.API_BASE_URL, text("http://[::ffff:127.0.0.1]/"), "loopback"),
        variable("host that does not resolve", Var.API_BASE_URL, text("https://partner.invalid/"), "does not resolve"),
        // sandbox timeout
        variable("timeout in words", Var.SANDBOX_TIMEOUT, text("two days"), "sandboxTimeout must be an ISO 8601"),
        variable("negative timeout", Var.SANDBOX_TIMEOUT, text("-P1D"), "sandboxTimeout must be an ISO 8601"),
        variable("timeout as a number", Var.SANDBOX_TIMEOUT, "{\"value\": 5, \"type\": \"Integer\"}",
            "sandboxTimeout must be an ISO 8601"),
        // variables that are not part of the contract
        variable("extra variable of 5000 characters", "notes", text("n".repeat(5000)), "notes"),
        variable("extra variable of 1 MB", "attachment", text("a".repeat(1_000_000)), "attachment"),
        variable("variable of an unknown type", "notes", "{\"value\": \"x\", \"type\": \"Nonsense\"}", "Nonsense"),
        // bodies
        body("body that is not JSON", "this is not json", "not valid JSON"),
        body("truncated JSON body", "{\"variables\": {", "not valid JSON"),
        body("JSON array instead of an object", "[1, 2, 3]", "must be a JSON object"),
        body("variables as an array", "{\"variables\": [1, 2]}", "variables"),
        body("business key that is not the partner key", null, "business key must be the partner key")));
    return cases;
  }

  static Stream<Arguments> cases() {
    return badStarts().stream().map(Arguments::of);
  }

  @Test
  void theTableHoldsAtLeastSixtyBadStarts() {
    assertThat(badStarts()).hasSizeGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badStartIsAnswered4xxNamingTheProblemAndLeavesNothingBehind(BadStart bad) {
    String key = newPartnerKey("bad-start");
    ResponseEntity<Map> response = send(bad, key);

    assertThat(response.getStatusCode().value()).as(bad.problem()).isEqualTo(bad.status());
    String message = String.valueOf(response.getBody().get("message"));
    assertThat(message).as(bad.problem()).containsIgnoringCase(bad.message())
        .doesNotContain("Exception", "StartProcessInstanceDto", "io.ensemble", "org.camunda.bpm.engine.rest.dto");
    assertThat(message.length()).as("echoes little of the input").isLessThan(800);
    assertNothingLeftBehind(key);
  }

  @ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      demo  | /engine-rest/user/create  | {"profile": {"id": "bad id!"}, "credentials": {"password": "secret-1"}}
      demo  | /engine-rest/user/create  | {"profile": {"id": "has-dash"}, "credentials": {"password": "secret-1"}}
      demo  | /engine-rest/group/create | {"id": "Bad Group!", "name": "Bad"}
      amira | /engine-rest/user/create  | {"profile": {"id": "bad id!"}, "credentials": {"password": "secret-1"}}
      amira | /engine-rest/group/create | {"id": "Bad Group!", "name": "Bad"}
      """)
  void anInvalidIdentityIdIs400ForEveryone(String user, String path, String body) {
    ResponseEntity<Map> response = rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, json(body),
        Map.class);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat((String) response.getBody().get("message")).contains("is not a valid resource identifier");
  }

  @Test
  void aHundredBadStartsLogNoErrorAndOneShortWarningEach() {
    List<BadStart> table = badStarts();
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 100; i++) {
        BadStart bad = table.get(i % table.size());
        assertThat(send(bad, newPartnerKey("hundred")).getStatusCode().is4xxClientError()).as(bad.problem()).isTrue();
      }
      assertThat(log.errors()).as("ERROR lines").isEmpty();
      assertThat(log.withStackTrace()).as("lines with a stack trace").isEmpty();
      assertThat(log.warnings()).as("one WARN line per bad start").hasSize(100)
          .allSatisfy(line -> assertThat(line.getFormattedMessage().length()).isLessThan(600));
    }
  }

  private ResponseEntity<Map> send(BadStart bad, String key) {
    String body;
    if (bad.rawBody() != null) {
      body = bad.rawBody();
    } else {
      Map<String, String> variables = validVariables(key);
      if (bad.variable() != null) {
        if (bad.value() == null) {
          variables.remove(bad.variable());
        } else {
          variables.put(bad.variable(), bad.value());
        }
      }
      String businessKey = bad.variable() == null ? "someone-else" : key;
      body = startBody(businessKey, variables);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth("amira", "amira").exchange(START, HttpMethod.POST, new HttpEntity<>(body, headers),
        Map.class);
  }

  private static Map<String, String> validVariables(String key) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(Var.PARTNER_KEY, text(key));
    variables.put(Var.PARTNER_NAME, text("Bad Start Partner"));
    variables.put(Var.PARTNER_TYPE, text("ISV"));
    variables.put(Var.CAPABILITIES, jsonVariable("[\"TELEMETRY_ANALYTICS\"]"));
    variables.put(Var.DATA_ACCESS, text("NONE"));
    variables.put(Var.JURISDICTION, text("DE"));
    variables.put(Var.ANNUAL_CONTRACT_VALUE, "{\"value\": 80000, \"type\": \"Long\"}");
    variables.put(Var.CERTIFICATIONS, jsonVariable("[\"SOC2\"]"));
    variables.put(Var.API_BASE_URL, text(partnerUrl(key)));
    return variables;
  }

  private static String startBody(String businessKey, Map<String, String> variables) {
    StringBuilder vars = new StringBuilder();
    variables.forEach((name, value) -> vars.append(vars.isEmpty() ? "" : ", ").append('"').append(name)
        .append("\": ").append(value));
    return "{\"businessKey\": \"" + businessKey + "\", \"variables\": {" + vars + "}}";
  }

  private void assertNothingLeftBehind(String key) {
    for (String businessKey : List.of(key, "someone-else")) {
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(businessKey).count()).isZero();
      assertThat(partners.findById(businessKey)).isEmpty();
    }
  }
}
