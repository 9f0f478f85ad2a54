package io.ensemble.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One evaluation of a decision that shapes money or ownership: what went in, which decision version
 * decided, what came out, and, if a person later overrode it, who, when, why and to what. Inputs and
 * outputs are JSON text, so that a record stays readable when the decision's shape changes.
 */
@Entity
@Table(name = "decision_record")
public class DecisionRecord {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String decisionKey;

  private int decisionVersion;

  private String decisionDefinitionId;

  /** What the decision was about, e.g. the initiative or offer key; may be empty for ad-hoc evaluations. */
  private String subjectKey;

  @Column(name = "inputs_json", length = 20000)
  private String inputsJson;

  @Column(name = "outputs_json", length = 20000)
  private String outputsJson;

  private String evaluatedBy;

  private Instant evaluatedAt;

  @Column(name = "override_outputs_json", length = 20000)
  private String overrideOutputsJson;

  private String overrideReason;

  private String overriddenBy;

  private Instant overriddenAt;

  @Version
  private long version;

  protected DecisionRecord() {}

  public DecisionRecord(String decisionKey, int decisionVersion, String decisionDefinitionId, String subjectKey,
      String inputsJson, String outputsJson, String evaluatedBy, Instant evaluatedAt) {
    this.decisionKey = decisionKey;
    this.decisionVersion = decisionVersion;
    this.decisionDefinitionId = decisionDefinitionId;
    this.subjectKey = subjectKey;
    this.inputsJson = inputsJson;
    this.outputsJson = outputsJson;
    this.evaluatedBy = evaluatedBy;
    this.evaluatedAt = evaluatedAt;
  }

  /** A person replaces the outcome; the original outputs stay as they were. */
  void override(String outputsJson, String reason, String by, Instant at) {
    this.overrideOutputsJson = outputsJson;
    this.overrideReason = reason;
    this.overriddenBy = by;
    this.overriddenAt = at;
  }

  public boolean isOverridden() { return overriddenAt != null; }
  public Long getId() { return id; }
  public String getDecisionKey() { return decisionKey; }
  public int getDecisionVersion() { return decisionVersion; }
  public String getDecisionDefinitionId() { return decisionDefinitionId; }
  public String getSubjectKey() { return subjectKey; }
  public String getInputsJson() { return inputsJson; }
  public String getOutputsJson() { return outputsJson; }
  public String getEvaluatedBy() { return evaluatedBy; }
  public Instant getEvaluatedAt() { return evaluatedAt; }
  public String getOverrideOutputsJson() { return overrideOutputsJson; }
  public String getOverrideReason() { return overrideReason; }
  public String getOverriddenBy() { return overriddenBy; }
  public Instant getOverriddenAt() { return overriddenAt; }
}
