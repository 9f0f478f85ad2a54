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
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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
  private final TransactionTemplate newTransaction;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  WebhookSecrets(PartnerWebhookSecretRepository secrets, SecretCipher cipher, PartnerApiProperties properties,
      PlatformTransactionManager transactionManager) {
    this.secrets = secrets;
    this.cipher = cipher;
    this.properties = properties;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = Clock.systemUTC();
  }

  /**
   * The partner's current secret, issued on first use, in the caller's transaction (one connection per thread of
   * work, DESIGN.md §9). The first secret is derived from the secrets key and the partner key, so a job that sends
   * it and then rolls back sends the very same secret again on its retry.
   */
  @Transactional
  public String currentSecret(String partnerKey) {
    return cipher.decrypt(secrets.findById(partnerKey)
        .orElseGet(() -> secrets.save(new PartnerWebhookSecret(partnerKey, cipher.encrypt(initialSecret(partnerKey)),
            clock.instant())))
        .secretEncrypted());
  }

  private String initialSecret(String partnerKey) {
    return cipher.derive("webhook-secret:" + partnerKey);
  }

  /**
   * A fresh secret, handed to {@code deliver} (which gives it to the partner) and, once delivered, made current;
   * the previous one is still accepted for the configured grace period. Nothing changes when delivery fails.
   */
  public Rotation rotate(String partnerKey, Consumer<String> deliver) {
    String plain = newSecret();
    deliver.accept(plain);
    return newTransaction.execute(status -> {
      Instant now = clock.instant();
      PartnerWebhookSecret secret = secrets.findById(partnerKey).orElse(null);
      Instant graceEnds = now.plus(properties.secretRotationGrace());
      if (secret == null) {
        secrets.save(new PartnerWebhookSecret(partnerKey, cipher.encrypt(plain), now));
        return new Rotation(partnerKey, plain, now, null);
      }
      secret.rotate(cipher.encrypt(plain), now, graceEnds);
      return new Rotation(partnerKey, plain, now, graceEnds);
    });
  }

  /**
   * Secrets a callback of this partner may be signed with now: the current one, and the previous in its grace;
   * before any is stored, the initial one.
   */
  public List<String> acceptedSecrets(String partnerKey) {
    PartnerWebhookSecret secret = secrets.findById(partnerKey).orElse(null);
    List<String> accepted = new ArrayList<>();
    if (secret == null) {
      // issued in a job that has not committed yet, while the partner's callback is already here
      accepted.add(initialSecret(partnerKey));
      return accepted;
    }
    accepted.add(cipher.decrypt(secret.secretEncrypted()));
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
