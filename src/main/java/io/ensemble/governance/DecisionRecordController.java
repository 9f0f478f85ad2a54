package io.ensemble.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.CurrentUser;
import io.ensemble.security.EnsembleGroup;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
 * who and why. Reading is for the governance office, finance, the CIO and administrators; overriding for the
 * governance office and finance only.
 */
@RestController
@RequestMapping("/api/decision-records")
class DecisionRecordController {

  static final Set<String> READERS = Set.of(
      EnsembleGroup.GOVERNANCE_OFFICE.id(), EnsembleGroup.FINANCE.id(), EnsembleGroup.CIO.id(),
      EnsembleGroup.CAMUNDA_ADMIN);
  static final Set<String> OVERRIDERS = Set.of(EnsembleGroup.GOVERNANCE_OFFICE.id(), EnsembleGroup.FINANCE.id());

  record OverrideRequest(JsonNode outputs, String reason) {}

  record DecisionRecordView(Long id, String decisionKey, int decisionVersion, String decisionDefinitionId,
      String subjectKey, JsonNode inputs, JsonNode outputs, String evaluatedBy, Instant evaluatedAt,
      Override override) {}

  record Override(JsonNode outputs, String reason, String by, Instant at) {}

  private final DecisionRecordRepository records;
  private final CurrentUser currentUser;
  private final ObjectMapper objectMapper;

  DecisionRecordController(DecisionRecordRepository records, CurrentUser currentUser,
      ObjectMapper objectMapper) {
    this.records = records;
    this.currentUser = currentUser;
    this.objectMapper = objectMapper;
  }

  @GetMapping
  List<DecisionRecordView> list(@RequestParam(required = false) String decisionKey,
      @RequestParam(required = false) String subjectKey) {
    currentUser.requireAnyGroup(READERS, "read decision records");
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
    currentUser.requireAnyGroup(READERS, "read decision records");
    return view(find(id));
  }

  @PostMapping("/{id}/override")
  @Transactional
  DecisionRecordView override(@PathVariable long id, @RequestBody OverrideRequest request) {
    String user = currentUser.requireAnyGroup(OVERRIDERS, "override a decision");
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
