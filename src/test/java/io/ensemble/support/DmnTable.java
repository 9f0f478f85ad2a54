package io.ensemble.support;

import io.ensemble.platform.CachingFeelEngineFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * A decision table from {@code dmn/} on the standalone DMN engine (no Spring, no database), with the ids of
 * the rules each evaluation matched, so that tests can show every rule is hit.
 */
public final class DmnTable implements DmnDecisionTableEvaluationListener {

  public static final Path DMN_DIR = Path.of("dmn");

  public record Evaluation(DmnDecisionResult result, List<String> matchedRules) {}

  private final String key;
  private final DmnEngine engine;
  private final DmnDecision decision;
  private final List<String> ruleIds;
  private List<String> lastMatched = List.of();

  private DmnTable(String file, String key) {
    this.key = key;
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(this));
    // the application's FEEL engine (parsed expressions kept), so that every rule test pins its answers too
    configuration.feelEngineFactory(new CachingFeelEngineFactory());
    this.engine = configuration.buildEngine();
    Path path = DMN_DIR.resolve(file + ".dmn");
    try (InputStream in = Files.newInputStream(path)) {
      this.decision = engine.parseDecision(key, in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Decision table = Dmn.readModelFromFile(path.toFile()).getModelElementById(key);
    this.ruleIds = ((DecisionTable) table.getExpression()).getRules().stream().map(Rule::getId).toList();
  }

  /** The decision of the same name as its file. */
  public static DmnTable load(String key) {
    return new DmnTable(key, key);
  }

  /** One decision of a file that holds several (a decision requirements diagram). */
  public static DmnTable load(String file, String decisionKey) {
    return new DmnTable(file, decisionKey);
  }

  public synchronized Evaluation evaluate(Map<String, Object> variables) {
    DmnDecisionResult result = engine.evaluateDecision(decision, variables);
    return new Evaluation(result, lastMatched);
  }

  /** Every rule that any of the inputs matched. */
  public Set<String> rulesHitBy(Stream<Map<String, Object>> inputs) {
    Set<String> hit = new HashSet<>();
    inputs.forEach(variables -> hit.addAll(evaluate(variables).matchedRules()));
    return hit;
  }

  public List<String> ruleIds() {
    return ruleIds;
  }

  public String key() {
    return key;
  }

  @Override
  public void notify(DmnDecisionTableEvaluationEvent event) {
    List<String> matched = new ArrayList<>();
    for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
      matched.add(rule.getId());
    }
    lastMatched = List.copyOf(matched);
  }
}
