package io.ensemble.partner;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One decision of one review group on one onboarding: approve, reject or request changes. */
@Entity
@Table(name = "partner_review")
public class PartnerReview {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String partnerKey;

  private String processInstanceId;

  private String reviewGroup;

  private String reason;

  private String outcome;

  @Column(name = "review_comment")
  private String comment;

  private String decidedBy;

  private Instant decidedAt;

  protected PartnerReview() {}

  public PartnerReview(String partnerKey, String processInstanceId, String reviewGroup, String reason,
      String outcome, String comment, String decidedBy, Instant decidedAt) {
    this.partnerKey = partnerKey;
    this.processInstanceId = processInstanceId;
    this.reviewGroup = reviewGroup;
    this.reason = reason;
    this.outcome = outcome;
    this.comment = comment;
    this.decidedBy = decidedBy;
    this.decidedAt = decidedAt;
  }

  public Long getId() { return id; }
  public String getPartnerKey() { return partnerKey; }
  public String getProcessInstanceId() { return processInstanceId; }
  public String getReviewGroup() { return reviewGroup; }
  public String getReason() { return reason; }
  public String getOutcome() { return outcome; }
  public String getComment() { return comment; }
  public String getDecidedBy() { return decidedBy; }
  public Instant getDecidedAt() { return decidedAt; }
}
