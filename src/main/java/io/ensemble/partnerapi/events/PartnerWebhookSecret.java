package io.ensemble.partnerapi.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A partner's webhook signing secret, encrypted; after a rotation the previous one is valid for a while. */
@Entity
@Table(name = "partner_webhook_secret")
class PartnerWebhookSecret {

  @Id
  private String partnerKey;

  @Column(name = "secret_encrypted")
  private String secretEncrypted;

  @Column(name = "previous_encrypted")
  private String previousEncrypted;

  private Instant previousValidUntil;

  /** A rotation's new secret, stored before it is sent to the partner; current once the partner took it. */
  @Column(name = "pending_encrypted")
  private String pendingEncrypted;

  private Instant rotatedAt;

  /** How often the partner's secrets were revoked; part of what its first secret is derived from. */
  @Column(name = "revocation_generation")
  private int revocationGeneration;

  @Version
  private long version;

  protected PartnerWebhookSecret() {}

  PartnerWebhookSecret(String partnerKey, String secretEncrypted, Instant now) {
    this.partnerKey = partnerKey;
    this.secretEncrypted = secretEncrypted;
    this.rotatedAt = now;
  }

  void rotate(String newSecretEncrypted, Instant now, Instant previousValidUntil) {
    this.previousEncrypted = secretEncrypted;
    this.previousValidUntil = previousValidUntil;
    this.secretEncrypted = newSecretEncrypted;
    this.rotatedAt = now;
  }

  /** Forgets every secret; the row stays as a tombstone that carries the next generation. */
  void revoke(Instant now) {
    this.secretEncrypted = null;
    this.previousEncrypted = null;
    this.previousValidUntil = null;
    this.pendingEncrypted = null;
    this.revocationGeneration++;
    this.rotatedAt = now;
  }

  boolean revoked() { return secretEncrypted == null; }

  /** A tombstone's partner gets a secret again. */
  void issue(String secretEncrypted, Instant now) {
    this.secretEncrypted = secretEncrypted;
    this.rotatedAt = now;
  }

  void pending(String pendingEncrypted) {
    this.pendingEncrypted = pendingEncrypted;
  }

  /** The pending secret becomes current; the current one stays valid until {@code previousValidUntil}. */
  void promotePending(Instant now, Instant previousValidUntil) {
    rotate(pendingEncrypted, now, previousValidUntil);
    this.pendingEncrypted = null;
  }

  String pendingEncrypted() { return pendingEncrypted; }
  String partnerKey() { return partnerKey; }
  String secretEncrypted() { return secretEncrypted; }
  String previousEncrypted() { return previousEncrypted; }
  Instant previousValidUntil() { return previousValidUntil; }
  Instant rotatedAt() { return rotatedAt; }
  int revocationGeneration() { return revocationGeneration; }
}
