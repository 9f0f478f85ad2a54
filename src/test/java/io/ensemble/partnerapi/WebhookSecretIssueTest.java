package io.ensemble.partnerapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.partnerapi.events.WebhookSecrets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A partner's first webhook secret is issued inside the job that sends it, with no transaction of its own: a
 * rolled-back job sends the same secret again on its retry, and the partner's callback is accepted even while that
 * job has not committed yet. A revoked secret (the partner came back at a new API base URL) is refused and never
 * issued again, also when it was only ever derived and sent, never stored.
 */
@PartnerApiTest
class WebhookSecretIssueTest {

  @Autowired WebhookSecrets secrets;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void aJobThatRollsBackSendsTheSameFirstSecretOnItsRetry() {
    TransactionTemplate job = new TransactionTemplate(transactionManager);
    String sentBeforeRollback = job.execute(status -> {
      String secret = secrets.currentSecret("secret-retried");
      status.setRollbackOnly();
      return secret;
    });

    assertThat(secrets.currentSecret("secret-retried")).isEqualTo(sentBeforeRollback);
    assertThat(secrets.currentSecret("secret-of-another")).isNotEqualTo(sentBeforeRollback);
  }

  @Test
  void aCallbackArrivingBeforeTheIssuingJobCommittedIsAccepted() {
    TransactionTemplate job = new TransactionTemplate(transactionManager);
    job.executeWithoutResult(status -> {
      String sent = secrets.currentSecret("secret-early-callback");
      // the callback is verified on a web server thread, outside the job's transaction
      List<String> accepted = CompletableFuture.supplyAsync(() -> secrets.acceptedSecrets("secret-early-callback"))
          .join();
      assertThat(accepted).containsExactly(sent);
    });
  }

  @Test
  void aRevokedSecretIsRefusedAndNotIssuedAgain() {
    String revoked = secrets.currentSecret("secret-revoked");
    TransactionTemplate registration = new TransactionTemplate(transactionManager);

    registration.executeWithoutResult(status -> secrets.revoke("secret-revoked"));

    assertThat(secrets.acceptedSecrets("secret-revoked")).doesNotContain(revoked);
    String next = secrets.currentSecret("secret-revoked");
    assertThat(next).isNotEqualTo(revoked);
    assertThat(secrets.acceptedSecrets("secret-revoked")).containsExactly(next);

    registration.executeWithoutResult(status -> secrets.revoke("secret-revoked"));

    assertThat(secrets.acceptedSecrets("secret-revoked")).doesNotContain(revoked, next);
    assertThat(secrets.currentSecret("secret-revoked")).isNotIn(revoked, next);
  }

  @Test
  void aFirstSecretSentByARolledBackJobIsRevokedToo() {
    TransactionTemplate job = new TransactionTemplate(transactionManager);
    String sentThenRolledBack = job.execute(status -> {
      String secret = secrets.currentSecret("secret-never-stored");
      status.setRollbackOnly();
      return secret;
    });

    job.executeWithoutResult(status -> secrets.revoke("secret-never-stored"));

    assertThat(secrets.acceptedSecrets("secret-never-stored")).doesNotContain(sentThenRolledBack);
    String retried = job.execute(status -> {
      String secret = secrets.currentSecret("secret-never-stored");
      status.setRollbackOnly();
      return secret;
    });
    assertThat(retried).isNotEqualTo(sentThenRolledBack);
    assertThat(secrets.currentSecret("secret-never-stored")).as("the retry after the revocation sends the same one")
        .isEqualTo(retried);
  }
}
