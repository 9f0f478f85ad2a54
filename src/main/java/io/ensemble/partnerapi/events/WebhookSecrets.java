package io.ensemble.partnerapi.events;

import io.ensemble.partnerapi.PartnerApiProperties;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each partner's webhook signing secret: issued by Ensemble (sent to the partner in the provisioning request,
 * over the authenticated channel), stored encrypted, rotatable with a grace period for the previous one.
 * Plain secrets exist only in memory, on the way to the partner or to a signature check.
 */
@Service
public class WebhookSecrets {

  private final PartnerWebhookSecretRepository secrets;
  private final SecretCipher cipher;
  private final PartnerApiProperties properties;
  /** Rotation runs outside any other transaction (an administrator's request): plain, consecutive transactions. */
  private final TransactionTemplate transaction;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  WebhookSecrets(PartnerWebhookSecretRepository secrets, SecretCipher cipher, PartnerApiProperties properties,
      PlatformTransactionManager transactionManager) {
    this.secrets = secrets;
    this.cipher = cipher;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = Clock.systemUTC();
  }

  /**
   * The partner's current secret, issued on first use, in the caller's transaction (one connection per thread of
   * work, DESIGN.md §9). The first secret is derived from the secrets key, the partner key and the partner's
   * revocation generation, so a job that sends it and then rolls back sends the very same secret again on its retry,
   * while a secret revoked once is never derived again.
   */
  @Transactional
  public String currentSecret(String partnerKey) {
    PartnerWebhookSecret secret = secrets.findById(partnerKey).orElse(null);
    if (secret == null) {
      secret = secrets.save(new PartnerWebhookSecret(partnerKey, cipher.encrypt(initialSecret(partnerKey, 0)),
          clock.instant()));
    } else if (secret.revoked()) {
      secret.issue(cipher.encrypt(initialSecret(partnerKey, secret.revocationGeneration())), clock.instant());
    }
    return cipher.decrypt(secret.secretEncrypted());
  }

  private String initialSecret(String partnerKey, int revocationGeneration) {
    return cipher.derive("webhook-secret:" + revocationGeneration + ":" + partnerKey);
  }

  /**
   * A new secret for the partner: stored first (pending, and accepted from then on, since the partner may take it
   * even if its answer is lost), then handed to {@code deliver} (which gives it to the partner), then made current;
   * the previous one is still accepted for the configured grace period. When delivery fails the pending secret
   * stays, and the next rotation sends that same secret again.
   */
  public Rotation rotate(String partnerKey, Consumer<String> deliver) {
    String plain = transaction.execute(status -> {
      PartnerWebhookSecret secret = secrets.findById(partnerKey).orElse(null);
      if (secret == null) {
        String first = newSecret();
        secrets.save(new PartnerWebhookSecret(partnerKey, cipher.encrypt(first), clock.instant()));
        return first;
      }
      if (secret.revoked()) {
        String first = newSecret();
        secret.issue(cipher.encrypt(first), clock.instant());
        return first;
      }
      if (secret.pendingEncrypted() != null) {
        return cipher.decrypt(secret.pendingEncrypted());
      }
      String fresh = newSecret();
      secret.pending(cipher.encrypt(fresh));
      return fresh;
    });
    deliver.accept(plain);
    return transaction.execute(status -> {
      Instant now = clock.instant();
      PartnerWebhookSecret secret = secrets.findById(partnerKey).orElseThrow();
      if (secret.revoked()) {
        throw new IllegalStateException("The webhook secret of partner " + partnerKey + " was revoked while rotating");
      }
      if (cipher.decrypt(secret.secretEncrypted()).equals(plain)) {
        return new Rotation(partnerKey, plain, now, null);
      }
      Instant graceEnds = now.plus(properties.secretRotationGrace());
      secret.promotePending(now, graceEnds);
      return new Rotation(partnerKey, plain, now, graceEnds);
    });
  }

  /**
   * Forgets the partner's secrets at once, in the caller's transaction (the partner moved to an address nobody
   * gave a secret to): its next provisioning issues a fresh one, and no callback signed with an old one is accepted.
   */
  @Transactional
  public void revoke(String partnerKey) {
    // a tombstone, not a deletion: the next generation's first secret differs from every one revoked before
    secrets.findById(partnerKey)
        .orElseGet(() -> secrets.save(new PartnerWebhookSecret(partnerKey, null, clock.instant())))
        .revoke(clock.instant());
  }

  /**
   * Secrets a callback of this partner may be signed with now: the current one, the pending one of a rotation, and
   * the previous in its grace; before any is stored (also after a revocation), the first one of the partner's
   * current generation, which a job that has not committed yet may already have sent.
   */
  public List<String> acceptedSecrets(String partnerKey) {
    PartnerWebhookSecret secret = secrets.findById(partnerKey).orElse(null);
    List<String> accepted = new ArrayList<>();
    if (secret == null || secret.revoked()) {
      accepted.add(initialSecret(partnerKey, secret == null ? 0 : secret.revocationGeneration()));
      return accepted;
    }
    accepted.add(cipher.decrypt(secret.secretEncrypted()));
    if (secret.pendingEncrypted() != null) {
      accepted.add(cipher.decrypt(secret.pendingEncrypted()));
    }
    if (secret.previousEncrypted() != null && secret.previousValidUntil() != null
        && clock.instant().isBefore(secret.previousValidUntil())) {
      accepted.add(cipher.decrypt(secret.previousEncrypted()));
    }
    return accepted;
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The result of a rotation; {@code secret} is for the partner only and never leaves Ensemble otherwise. */
  public record Rotation(String partnerKey, String secret, Instant rotatedAt, Instant previousValidUntil) {
    @Override
    public String toString() {
      return "Rotation[partnerKey=" + partnerKey + ", rotatedAt=" + rotatedAt + "]";
    }
  }
}
