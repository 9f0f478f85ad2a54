package io.ensemble.onboarding;

/**
 * The ids of {@code bpmn/partner-onboarding.bpmn} in one place: process key, activities, messages, errors,
 * forms and variables. Java code and tests use these constants; {@code PartnerOnboardingModelTest} checks
 * that every one of them exists in the model, so that the two cannot drift apart silently.
 */
public final class PartnerOnboardingProcess {

  private PartnerOnboardingProcess() {}

  public static final String KEY = "partner-onboarding";
  public static final String RISK_TIER_DECISION = "partner-risk-tier";
  public static final String REQUIRED_REVIEWS_DECISION = "partner-required-reviews";

  /** Activity, event and gateway ids. */
  public static final class Activity {
    private Activity() {}
    public static final String PARTNER_PROPOSED = "StartEvent_PartnerProposed";
    public static final String REGISTER_PARTNER = "Task_RegisterPartner";
    public static final String DECIDE_RISK_TIER = "Task_DecideRiskTier";
    public static final String DECIDE_REQUIRED_REVIEWS = "Task_DecideRequiredReviews";
    public static final String REVIEWS = "SubProcess_ReviewPartner";
    public static final String REVIEW = "Task_ReviewPartner";
    public static final String ADDRESS_REVIEW_FINDINGS = "Task_AddressReviewFindings";
    public static final String REVIEW_REJECTED = "BoundaryEvent_ReviewRejected";
    public static final String CHECK_CONFORMANCE = "Task_CheckConformance";
    public static final String CONFORMANCE_REFUSED = "BoundaryEvent_ConformanceRefused";
    public static final String RESOLVE_CONFORMANCE_FINDINGS = "Task_ResolveConformanceFindings";
    public static final String PROVISION_SANDBOX = "Task_ProvisionSandbox";
    public static final String SANDBOX_REFUSED = "BoundaryEvent_SandboxRefused";
    public static final String DEPROVISION_SANDBOX = "Task_DeprovisionSandbox";
    public static final String AWAIT_SANDBOX = "Task_AwaitSandbox";
    public static final String SANDBOX_FAILED = "BoundaryEvent_SandboxFailed";
    public static final String SANDBOX_TIMED_OUT = "BoundaryEvent_SandboxTimedOut";
    public static final String SANDBOX_CHECK_DUE = "BoundaryEvent_SandboxCheckDue";
    public static final String CHECK_SANDBOX = "Task_CheckSandbox";
    public static final String SANDBOX_CHECKED = "EndEvent_SandboxChecked";
    public static final String DECIDE_STALLED_SANDBOX = "Task_DecideStalledSandbox";
    public static final String SIGN_DATA_SHARING_AGREEMENT = "Task_SignDataSharingAgreement";
    public static final String ACTIVATE_PARTNER = "Task_ActivatePartner";
    public static final String PARTNER_ACTIVATED = "EndEvent_PartnerActivated";
    public static final String UNDO_FOR_REJECTION = "Event_UndoOnboardingForRejection";
    public static final String RECORD_REJECTION = "Task_RecordRejection";
    public static final String PARTNER_REJECTED = "EndEvent_PartnerRejected";
    public static final String PARTNER_WITHDRAWN_START = "StartEvent_PartnerWithdrawn";
    public static final String UNDO_FOR_WITHDRAWAL = "Event_UndoOnboardingForWithdrawal";
    public static final String RECORD_WITHDRAWAL = "Task_RecordWithdrawal";
    public static final String PARTNER_WITHDRAWN = "EndEvent_PartnerWithdrawn";
  }

  /** Messages the process waits for; correlated by business key (the partner key) or by sandbox id. */
  public static final class Message {
    private Message() {}
    public static final String SANDBOX_READY = "SandboxReady";
    public static final String SANDBOX_FAILED = "SandboxFailed";
    public static final String PARTNER_WITHDRAWN = "PartnerWithdrawn";
  }

  /** BPMN error codes: the partner API client's business answers and the review rejection. */
  public static final class Error {
    private Error() {}
    public static final String PARTNER_REJECTED = "PARTNER_REJECTED";
    public static final String SANDBOX_REJECTED = "SANDBOX_REJECTED";
    public static final String REVIEW_REJECTED = "REVIEW_REJECTED";
  }

  /** Camunda Forms (form id = file name in {@code forms/}). */
  public static final class Form {
    private Form() {}
    public static final String START = "partner-onboarding-start";
    public static final String REVIEW = "partner-review";
    public static final String REVIEW_FINDINGS = "partner-review-findings";
    public static final String CONFORMANCE_FINDINGS = "partner-conformance-findings";
    public static final String STALLED_SANDBOX = "partner-stalled-sandbox";
    public static final String DATA_SHARING_AGREEMENT = "partner-data-sharing-agreement";
  }

  /** Process variables (and the local variables of one review). */
  public static final class Var {
    private Var() {}
    // start contract
    public static final String PARTNER_KEY = "partnerKey";
    public static final String PARTNER_NAME = "partnerName";
    public static final String PARTNER_TYPE = "partnerType";
    public static final String CAPABILITIES = "capabilities";
    public static final String DATA_ACCESS = "dataAccess";
    public static final String JURISDICTION = "jurisdiction";
    public static final String ANNUAL_CONTRACT_VALUE = "annualContractValue";
    public static final String CERTIFICATIONS = "certifications";
    public static final String API_BASE_URL = "apiBaseUrl";
    /** Optional ISO 8601 duration; defaults to {@code ensemble.onboarding.sandbox-timeout}. */
    public static final String SANDBOX_TIMEOUT = "sandboxTimeout";
    // decisions
    public static final String RISK_TIER = "riskTier";
    public static final String REQUIRED_REVIEWS = "requiredReviews";
    // one review (local to the review subprocess instance)
    public static final String REVIEW = "review";
    public static final String REVIEW_GROUP = "reviewGroup";
    /** The reviewing group's display name, local to the task, for its form. */
    public static final String REVIEW_NAME = "reviewName";
    public static final String REVIEW_REASON = "reviewReason";
    public static final String REVIEW_OUTCOME = "reviewOutcome";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String CHANGES_RESPONSE = "changesResponse";
    // conformance
    public static final String CONFORMANT = "conformant";
    public static final String CONFORMANCE_PROBLEMS = "conformanceProblems";
    public static final String CONFORMANCE_DECISION = "conformanceDecision";
    public static final String CONFORMANCE_COMMENT = "conformanceComment";
    // sandbox
    public static final String SANDBOX_ID = "sandboxId";
    /** ISO 8601 duration between reads of the sandbox's state while waiting ({@code ensemble.onboarding.*}). */
    public static final String SANDBOX_CHECK_INTERVAL = "sandboxCheckInterval";
    public static final String SANDBOX_FAILURE_REASON = "sandboxFailureReason";
    public static final String STALLED_SANDBOX_DECISION = "stalledSandboxDecision";
    public static final String STALLED_SANDBOX_COMMENT = "stalledSandboxComment";
    // data-sharing agreement
    public static final String AGREEMENT_SIGNED = "agreementSigned";
    public static final String AGREEMENT_REFERENCE = "agreementReference";
    public static final String AGREEMENT_COMMENT = "agreementComment";
    // outcome
    public static final String REJECTION_REASON = "rejectionReason";
    public static final String WITHDRAWAL_REASON = "withdrawalReason";
  }

  /** Answers of the human decisions. */
  public enum ReviewOutcome { APPROVED, REJECTED, CHANGES_REQUESTED }

  public enum ConformanceDecision { RECHECK, REJECT }

  public enum StalledSandboxDecision { WAIT, RETRY, REJECT }
}
