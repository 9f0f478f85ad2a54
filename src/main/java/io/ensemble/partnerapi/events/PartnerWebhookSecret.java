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

  private Instant rotatedAt;

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

  String partnerKey() { return partnerKey; }
  String secretEncrypted() { return secretEncrypted; }
  String previousEncrypted() { return previousEncrypted; }
  Instant previousValidUntil() { return previousValidUntil; }
  Instant rotatedAt() { return rotatedAt; }
}
