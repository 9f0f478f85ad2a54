package io.ensemble.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.platform.InvalidInputException;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates the deployed DMN decisions through the engine (latest version, so the version that decided is
 * known) and writes decision records. The business services of each capability use it; they never decide
 * money or ownership in Java.
 */
@Service
public class Decisions {

  /** One evaluation: which definition decided, and its result. */
  public record Evaluation(String decisionKey, int decisionVersion, String decisionDefinitionId,
      DmnDecisionResult result) {}

  private final DecisionService decisionService;
  private final RepositoryService repositoryService;
  private final IdentityService identityService;
  private final DecisionRecordRepository records;
  private final ObjectMapper objectMapper;

  Decisions(DecisionService decisionService, RepositoryService repositoryService,
      IdentityService identityService, DecisionRecordRepository records, ObjectMapper objectMapper) {
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
    this.identityService = identityService;
    this.records = records;
    this.objectMapper = objectMapper;
  }

  /**
   * The latest deployed version of the decision. Within a request the query sees only what the user may read;
   * the decisions are deployed at start-up, so a missing one then means the user may not use it (403).
   */
  public DecisionDefinition latest(String decisionKey) {
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey).latestVersion().singleResult();
    if (definition == null && identityService.getCurrentAuthentication() != null) {
      throw new InvalidInputException(403, currentUser() + " may not evaluate decision " + decisionKey);
    }
    if (definition == null) {
      throw new IllegalStateException("decision not deployed: " + decisionKey);
    }
    return definition;
  }

  public Evaluation evaluate(DecisionDefinition definition, Map<String, Object> variables) {
    DmnDecisionResult result = decisionService.evaluateDecisionById(definition.getId())
        .variables(variables)
        .evaluate();
    return new Evaluation(definition.getKey(), definition.getVersion(), definition.getId(), result);
  }

  public Evaluation evaluate(String decisionKey, Map<String, Object> variables) {
    return evaluate(latest(decisionKey), variables);
  }

  /** Records what went in and what came out of one decision (possibly several evaluations of it). */
  @Transactional
  public DecisionRecord record(DecisionDefinition definition, String subjectKey, Object inputs, Object outputs) {
    return records.save(new DecisionRecord(definition.getKey(), definition.getVersion(), definition.getId(),
        subjectKey, json(inputs), json(outputs), currentUser(), Instant.now()));
  }

  String json(Object value) {
    try {
      return objectMapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
    }
  }

  String currentUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
