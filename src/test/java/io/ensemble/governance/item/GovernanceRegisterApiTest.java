package io.ensemble.governance.item;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.governance.item.GovernanceItemProcess.Activity;
import io.ensemble.governance.item.GovernanceItemProcess.Var;
import io.ensemble.support.Rest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code /api/governance/*} and the engine as each group meets them: raising (validated, idempotent), who sees which
 * item, the KPIs, the governance office's Tasklist filters, and what nobody may do to an item's instance.
 */
@AutoConfigureObservability
class GovernanceRegisterApiTest extends GovernanceTestSupport {

  @Autowired FilterService filterService;

  // ---- raising over REST ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing title          | {"kind": "RISK", "severity": "HIGH"}                                    | title is missing
      unknown kind           | {"kind": "GOSSIP", "severity": "HIGH", "title": "t"}                    | kind must be one of
      title too long         | {"kind": "RISK", "severity": "HIGH", "title": "%s"}                     | title must be at most 200
      unknown field          | {"kind": "RISK", "severity": "HIGH", "title": "t", "owner": "cio"}      | unknown fields [owner]
      unknown partner        | {"kind": "RISK", "severity": "HIGH", "title": "t", "partnerKey": "nobody-here"} | is not a registered partner
      ill-typed severity     | {"kind": "RISK", "severity": 3, "title": "t"}                           | severity must be one of
      not an object          | ["RISK"]                                                                | must be a JSON object
      """)
  void badRaiseIsRefusedNamingTheProblemAndLeavesNothing(String problem, String body, String message) {
    long before = items.count();
    ResponseEntity<Map> refused = raiseAs("sofia", null, body.formatted("x".repeat(201)));

    assertThat(refused.getStatusCode()).as(problem).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("detail")).contains(message);
    assertThat(items.count()).isEqualTo(before);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyNeverRaisesTwoItems() {
    String body = "{\"kind\": \"TIMELINE\", \"severity\": \"HIGH\", \"title\": \"Launch collateral late\"}";
    ResponseEntity<Map> first = raiseAs("sofia", "launch-collateral-1", body);
    ResponseEntity<Map> retry = raiseAs("sofia", "launch-collateral-1", body);
    ResponseEntity<Map> otherBody = raiseAs("sofia", "launch-collateral-1", body.replace("HIGH", "LOW"));
    ResponseEntity<Map> otherCaller = raiseAs("ethan", "launch-collateral-1", body);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(first.getHeaders().getLocation()).hasToString("/api/governance/items/" + first.getBody().get("id"));
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(retry.getBody().get("id")).isEqualTo(first.getBody().get("id"));
    assertThat(otherBody.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) otherBody.getBody().get("detail")).contains("different request");
    assertThat(otherCaller.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(otherCaller.getBody().get("id")).isNotEqualTo(first.getBody().get("id"));
    assertThat(runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(first.getBody().get("id"))).count()).isEqualTo(1);
  }

  @Test
  void onlyEnsembleGroupsRaiseItems() {
    ResponseEntity<Map> refused = raiseAs("demo", null, "{\"kind\": \"RISK\", \"severity\": \"LOW\", \"title\": \"t\"}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.postForEntity("/api/governance/items", json("{}"), Map.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  // ---- who sees what ----

  @Test
  void eachGroupSeesTheItemsItOwnsOrRaisedTheOfficeAndTheCioSeeAll() {
    long id = id(raiseAs("sofia", null,
        "{\"kind\": \"RISK\", \"severity\": \"MEDIUM\", \"title\": \"Co-sell quota unclear\", \"description\": \"Long text\"}"));
    ProcessInstance instance = instanceOf(id);
    complete(task(instance, Activity.TRIAGE_ITEM), "grace", "governance-office", Var.KIND, "RISK",
        Var.SEVERITY, "MEDIUM", Var.OWNER_GROUP, "legal", Var.RESOLVE_BY, "2099-01-01T00:00Z");

    for (String reader : List.of("sofia", "leo", "grace", "carlos")) {
      ResponseEntity<Map> one = Rest.as(rest, reader).getForEntity("/api/governance/items/" + id, Map.class);
      assertThat(one.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
      assertThat(one.getBody()).containsEntry("ownerGroup", "legal").containsEntry("description", "Long text");
      assertThat(listIds(reader, "")).as(reader).contains(id);
    }
    Map<String, Object> detail = Rest.as(rest, "grace").getForObject("/api/governance/items/" + id, Map.class);
    assertThat((List<Map<String, Object>>) detail.get("timeline")).extracting(e -> e.get("type"))
        .containsExactly("RAISED", "TRIAGED", "ASSIGNED");
    for (String outsider : List.of("fiona", "amira", "sam", "dana", "ethan")) {
      assertThat(Rest.as(rest, outsider).getForEntity("/api/governance/items/" + id, Map.class).getStatusCode())
          .as(outsider).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(listIds(outsider, "")).as(outsider).doesNotContain(id);
    }
    assertThat(Rest.as(rest, "grace").getForEntity("/api/governance/items/999999", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void filtersAndPaging() {
    String partner = newPartner("filters");
    long critical = id(raiseAs("amira", null, ("{\"kind\": \"CUSTOMER_ISSUE\", \"severity\": \"CRITICAL\","
        + " \"title\": \"Orders lost\", \"partnerKey\": \"%s\"}").formatted(partner)));
    long risk = id(raiseAs("amira", null, ("{\"kind\": \"RISK\", \"severity\": \"LOW\", \"title\": \"Maybe\","
        + " \"partnerKey\": \"%s\"}").formatted(partner)));

    assertThat(listIds("grace", "?source=" + partner)).containsExactly(risk, critical);
    assertThat(listIds("grace", "?source=" + partner + "&kind=CUSTOMER_ISSUE")).containsExactly(critical);
    assertThat(listIds("grace", "?source=" + partner + "&severity=LOW&status=RAISED")).containsExactly(risk);
    assertThat(listIds("grace", "?source=" + partner + "&overdue=false")).containsExactly(risk, critical);
    assertThat(listIds("grace", "?source=" + partner + "&ownerGroup=legal")).isEmpty();
    Map<String, Object> page = Rest.as(rest, "grace")
        .getForObject("/api/governance/items?source=" + partner + "&size=1&page=1", Map.class);
    assertThat(page).containsEntry("total", 2).containsEntry("page", 1).containsEntry("size", 1);
    assertThat((List<Map<String, Object>>) page.get("items")).extracting(i -> ((Number) i.get("id")).longValue())
        .containsExactly(critical);

    moveClockTo(items.findById(critical).orElseThrow().getRespondBy().plusSeconds(1));
    assertThat(listIds("grace", "?source=" + partner + "&overdue=true")).containsExactly(critical);

    assertThat(Rest.as(rest, "grace").getForEntity("/api/governance/items?status=LOST", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(Rest.as(rest, "grace").getForEntity("/api/governance/items?size=1000", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void theKpisAreForTheGovernanceOfficeAndTheCio() {
    raiseAs("sofia", null, "{\"kind\": \"ESCALATION\", \"severity\": \"HIGH\", \"title\": \"Counted\"}");
    ResponseEntity<Map> kpis = Rest.as(rest, "grace").getForEntity("/api/governance/kpis", Map.class);
    assertThat(kpis.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(kpis.getBody()).containsEntry("windowDays", 30).containsKeys("open", "overdue", "slaBreachRate",
        "timeToResolve", "cioEscalations", "openByKindAndSeverity");
    assertThat(((Number) kpis.getBody().get("open")).longValue())
        .isEqualTo(GovernanceKpis.compute(items.findAll(), GovernanceRegister.now(), 30).open());
    assertThat(Rest.as(rest, "carlos").getForEntity("/api/governance/kpis?windowDays=7", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(Rest.as(rest, "sofia").getForEntity("/api/governance/kpis", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(Rest.as(rest, "grace").getForEntity("/api/governance/kpis?windowDays=0", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    String metrics = Rest.as(rest, "demo").getForObject("/actuator/prometheus", String.class);
    assertThat(metrics).contains("ensemble_governance_items_open{kind=\"ESCALATION\",severity=\"HIGH\"")
        .contains("ensemble_governance_items_overdue").contains("ensemble_governance_sla_breach_rate")
        .contains("ensemble_governance_time_to_resolve_hours{quantile=\"0.9\"")
        .contains("ensemble_governance_cio_escalations");
    assertThat(metrics.lines().filter(line -> line.startsWith("ensemble_governance"))).noneMatch(
        line -> line.contains("Counted") || line.contains("sofia"));
  }

  // ---- Tasklist and the engine ----

  @Test
  void theGovernanceOfficeFindsCriticalAndOverdueTasksInItsFilters() {
    long id = id(raiseAs("sofia", null, "{\"kind\": \"CUSTOMER_ISSUE\", \"severity\": \"CRITICAL\", \"title\": \"Payments fail\"}"));
    Task triage = task(instanceOf(id), Activity.TRIAGE_ITEM);
    Filter critical = filterService.createFilterQuery().filterName(GovernanceAuthorizations.CRITICAL_FILTER).singleResult();
    Filter overdue = filterService.createFilterQuery().filterName(GovernanceAuthorizations.OVERDUE_FILTER).singleResult();

    assertThat(filterTaskIds("grace", critical)).contains(triage.getId());
    assertThat(filterTaskIds("grace", overdue)).doesNotContain(triage.getId());
    assertThat(Rest.as(rest, "sofia").getForEntity("/engine-rest/filter/" + critical.getId(), Map.class)
        .getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(Rest.as(rest, "sofia").getForObject("/engine-rest/task?processInstanceBusinessKey=" + id, List.class))
        .isEmpty();
    assertThat(Rest.as(rest, "grace").getForObject("/engine-rest/task?processInstanceBusinessKey=" + id, List.class))
        .hasSize(1);
  }

  @Test
  void raisersMayNotChangeTheirItemsInstanceAndOnlyTheOfficeRetriesItsJobs() {
    String partner = newPartner("jobs");
    long id = id(raiseAs("sofia", null, ("{\"kind\": \"RISK\", \"severity\": \"LOW\", \"title\": \"Jobs\","
        + " \"partnerKey\": \"%s\"}").formatted(partner)));
    ProcessInstance instance = instanceOf(id);
    TestRestTemplate sofia = Rest.as(rest, "sofia");

    assertThat(sofia.exchange("/engine-rest/process-instance/" + instance.getId() + "/variables/itemId",
        HttpMethod.PUT, json("{\"value\": 1, \"type\": \"Long\"}"), String.class).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(sofia.exchange("/engine-rest/process-instance/" + instance.getId(), HttpMethod.DELETE, null,
        String.class).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(sofia.getForObject("/engine-rest/process-instance?businessKey=" + id, List.class)).isEmpty();
    assertThat(Rest.as(rest, "carlos").getForObject("/engine-rest/process-instance?businessKey=" + id, List.class))
        .hasSize(1);
    assertThat(Rest.as(rest, "carlos").getForObject("/engine-rest/history/process-instance?processInstanceBusinessKey=" + id,
        List.class)).hasSize(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);

    String job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult().getId();
    assertThat(Rest.as(rest, "carlos").exchange("/engine-rest/job/" + job + "/retries", HttpMethod.PUT,
        json("{\"retries\": 3}"), String.class).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(Rest.as(rest, "grace").exchange("/engine-rest/job/" + job + "/retries", HttpMethod.PUT,
        json("{\"retries\": 3}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void demoItemsSpanTheFourCasesAndAreRaisedOnce() {
    DemoGovernanceItems demo = new DemoGovernanceItems(register, partners);
    demo.onStarted(null);
    long after = items.count();
    demo.onStarted(null);

    assertThat(items.count()).isEqualTo(after);
    List<GovernanceItem> raised = items.findAll().stream().filter(i -> "demo".equals(i.getRaisedBy())).toList();
    assertThat(raised).hasSize(5).extracting(GovernanceItem::getInitiativeKey)
        .contains("telemetry-to-revenue", "churn-down", "month-end-close", "new-vertical");
    assertThat(raised).allSatisfy(item -> assertThat(instanceOf(item.getId())).isNotNull());
  }

  private ResponseEntity<Map> raiseAs(String user, String idempotencyKey, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return Rest.as(rest, user).exchange("/api/governance/items", HttpMethod.POST, new HttpEntity<>(body, headers),
        Map.class);
  }

  private static long id(ResponseEntity<Map> raised) {
    assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return ((Number) raised.getBody().get("id")).longValue();
  }

  private List<Long> listIds(String user, String query) {
    Map<String, Object> page = Rest.as(rest, user).getForObject("/api/governance/items" + query
        + (query.isEmpty() ? "?" : "&") + "size=100", Map.class);
    return ((List<Map<String, Object>>) page.get("items")).stream().map(i -> ((Number) i.get("id")).longValue()).toList();
  }

  private List<String> filterTaskIds(String user, Filter filter) {
    List<Map<String, Object>> tasks = Rest.as(rest, user).getForObject(
        "/engine-rest/filter/" + filter.getId() + "/list?maxResults=200", List.class);
    return tasks.stream().map(t -> (String) t.get("id")).toList();
  }
}
