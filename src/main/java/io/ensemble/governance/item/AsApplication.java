package io.ensemble.governance.item;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine work as the application rather than as the calling person, after the caller's right to ask for it
 * was checked by Ensemble itself (least privilege: people hold no engine permission for what follows).
 */
final class AsApplication {

  private AsApplication() {}

  static <T> T call(IdentityService identityService, Supplier<T> work) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
