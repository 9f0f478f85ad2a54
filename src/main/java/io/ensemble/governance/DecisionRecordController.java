package io.ensemble.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.EnsembleGroup;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The governance office's view of decision records: "why was this decided?", and the human override with
 * who and why. Reading is for the governance office, finance and the CIO; overriding for the governance
 * office and finance only.
 */
@RestController
@RequestMapping("/api/decision-records")
class DecisionRecordController {

  static final Set<String> READERS = Set.of(
      EnsembleGroup.GOVERNANCE_OFFICE.id(), EnsembleGroup.FINANCE.id(), EnsembleGroup.CIO.id());
  static final Set<String> OVERRIDERS = Set.of(EnsembleGroup.GOVERNANCE_OFFICE.id(), EnsembleGroup.FINANCE.id());

  record OverrideRequest(JsonNode outputs, String reason) {}

  record DecisionRecordView(Long id, String decisionKey, int decisionVersion, String decisionDefinitionId,
      String subjectKey, JsonNode inputs, JsonNode outputs, String evaluatedBy, Instant evaluatedAt,
      Override override) {}

  record Override(JsonNode outputs, String reason, String by, Instant at) {}

  private final DecisionRecordRepository records;
  private final IdentityService identityService;
  private final ObjectMapper objectMapper;

  DecisionRecordController(DecisionRecordRepository records, IdentityService identityService,
      ObjectMapper objectMapper) {
    this.records = records;
    this.identityService = identityService;
    this.objectMapper = objectMapper;
  }

  @GetMapping
  List<DecisionRecordView> list(@RequestParam(required = false) String decisionKey,
      @RequestParam(required = false) String subjectKey) {
    requireGroup(READERS);
    List<DecisionRecord> found;
    if (decisionKey != null && subjectKey != null) {
      found = records.findByDecisionKeyAndSubjectKeyOrderByEvaluatedAtDescIdDesc(decisionKey, subjectKey);
    } else if (decisionKey != null) {
      found = records.findByDecisionKeyOrderByEvaluatedAtDescIdDesc(decisionKey);
    } else if (subjectKey != null) {
      found = records.findBySubjectKeyOrderByEvaluatedAtDescIdDesc(subjectKey);
    } else {
      found = records.findAllByOrderByEvaluatedAtDescIdDesc();
    }
    return found.stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  DecisionRecordView get(@PathVariable long id) {
    requireGroup(READERS);
    return view(find(id));
  }

  @PostMapping("/{id}/override")
  @Transactional
  DecisionRecordView override(@PathVariable long id, @RequestBody OverrideRequest request) {
    String user = requireGroup(OVERRIDERS);
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      throw new InvalidInputException("an override needs a reason");
    }
    if (request.reason().length() > 2000) {
      throw new InvalidInputException("reason longer than 2000 characters");
    }
    if (request.outputs() == null || !request.outputs().isObject() || request.outputs().isEmpty()) {
      throw new InvalidInputException("an override needs the outputs that replace the decision's, as a JSON object");
    }
    if (request.outputs().toString().length() > 20000) {
      throw new InvalidInputException("override outputs longer than 20000 characters of JSON");
    }
    DecisionRecord record = find(id);
    if (record.isOverridden()) {
      throw InvalidInputException.conflict("decision record " + id + " was already overridden by "
          + record.getOverriddenBy() + "; evaluate the decision again to record a new outcome");
    }
    record.override(request.outputs().toString(), request.reason().strip(), user, Instant.now());
    return view(records.save(record));
  }

  private DecisionRecord find(long id) {
    return records.findById(id)
        .orElseThrow(() -> new InvalidInputException(404, "no decision record " + id));
  }

  /** The current user, if in one of the groups; 403 otherwise (the filter has already refused anonymous calls). */
  private String requireGroup(Set<String> allowed) {
    Authentication authentication = identityService.getCurrentAuthentication();
    Collection<String> groups = authentication == null || authentication.getGroupIds() == null
        ? List.of() : authentication.getGroupIds();
    if (authentication == null || groups.stream().noneMatch(allowed::contains)) {
      throw new InvalidInputException(403, "only " + String.join(", ", allowed.stream().sorted().toList())
          + " may do this");
    }
    return authentication.getUserId();
  }

  private DecisionRecordView view(DecisionRecord record) {
    Override override = record.isOverridden()
        ? new Override(parse(record.getOverrideOutputsJson()), record.getOverrideReason(),
            record.getOverriddenBy(), record.getOverriddenAt())
        : null;
    return new DecisionRecordView(record.getId(), record.getDecisionKey(), record.getDecisionVersion(),
        record.getDecisionDefinitionId(), record.getSubjectKey(), parse(record.getInputsJson()),
        parse(record.getOutputsJson()), record.getEvaluatedBy(), record.getEvaluatedAt(), override);
  }

  private JsonNode parse(String json) {
    try {
      return objectMapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("decision record holds invalid JSON", e);
    }
  }
}
