package io.ensemble.partnerapi.events;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * AES-GCM encryption of secrets at rest, keyed by {@code ensemble.secrets.key} (environment
 * {@code ENSEMBLE_SECRETS_KEY}, base64 of 16, 24 or 32 bytes). Stored form: {@code v1:base64(iv || ciphertext+tag)}.
 */
@Component
class SecretCipher {

  private static final String FORMAT = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  SecretCipher(@Value("${ensemble.secrets.key:}") String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalStateException("No secrets key: set ENSEMBLE_SECRETS_KEY (base64 of a 16, 24 or 32 byte key)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("ENSEMBLE_SECRETS_KEY is not base64");
    }
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      throw new IllegalStateException("ENSEMBLE_SECRETS_KEY must decode to 16, 24 or 32 bytes, not " + bytes.length);
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  String encrypt(String plaintext) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return FORMAT + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
          .put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt a secret", e);
    }
  }

  /**
   * A secret derived from the key for one purpose ({@code whsec_} + HMAC-SHA256 of the purpose, base64url): the
   * same on every call, different per purpose, and no more exposed than the secrets the key encrypts.
   */
  String derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return "whsec_" + Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not derive a secret", e);
    }
  }

  String decrypt(String stored) {
    if (!stored.startsWith(FORMAT)) {
      throw new IllegalStateException("Unknown secret format");
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // wrong ENSEMBLE_SECRETS_KEY or tampered data; never say more
      throw new IllegalStateException("Could not decrypt a stored secret (wrong ENSEMBLE_SECRETS_KEY?)");
    }
  }
}
