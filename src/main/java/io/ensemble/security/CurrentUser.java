package io.ensemble.security;

import io.ensemble.platform.InvalidInputException;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The user of the current request as the authentication filter set it on the engine, for Ensemble's own API:
 * the engine checks its own resources; these checks guard the application's records.
 *
 * <p>A domain endpoint that changes a process (withdrawal, and the like) follows one pattern: check the
 * caller's group here ({@link #requireAnyGroup}), check the business preconditions, then act on the engine
 * {@link #asApplication as the application}. People hold no engine permission to change instances, so the
 * endpoint is the only way, and it does exactly one thing.
 */
@Component
public class CurrentUser {

  private final IdentityService identityService;

  CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The user id, if the user is in one of the groups; 403 naming the allowed groups otherwise. */
  public String requireAnyGroup(Collection<String> allowed, String action) {
    Authentication current = identityService.getCurrentAuthentication();
    List<String> groups = current == null || current.getGroupIds() == null ? List.of() : current.getGroupIds();
    if (current == null || groups.stream().noneMatch(allowed::contains)) {
      throw new InvalidInputException(403,
          "Only " + String.join(", ", allowed.stream().sorted().toList()) + " may " + action);
    }
    return current.getUserId();
  }

  /**
   * Runs an engine action as the application itself, without the caller's authorization checks, then restores
   * the caller. Only after {@link #requireAnyGroup} has decided that the caller may ask for exactly this.
   */
  public <T> T asApplication(Supplier<T> action) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return action.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  /** The user id, if the user is an administrator; 403 otherwise. */
  public String requireAdmin(String action) {
    return requireAnyGroup(List.of(EnsembleGroup.CAMUNDA_ADMIN), action);
  }
}
