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
 * job has not committed yet.
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
}
