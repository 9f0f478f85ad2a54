package io.ensemble.security;

import static io.ensemble.security.EnsembleGroup.*;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One demo user per group, for the demo profile only. The password of each is the user id; the admin is
 * Camunda's conventional {@code demo}/{@code demo}. The production profile refuses to start while any of
 * these passwords still works.
 */
@Component
@Profile("demo")
public class DemoUsers {

  private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

  public record DemoUser(String id, String firstName, String lastName, EnsembleGroup group) {
    public String password() {
      return id;
    }
  }

  public static final String DEMO_ADMIN = "demo";
  public static final String DEMO_ADMIN_PASSWORD = "demo";

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("amira", "Amira", "Haddad", ALLIANCE_MANAGERS),
      new DemoUser("sam", "Sam", "Okafor", SECURITY),
      new DemoUser("dana", "Dana", "Weiss", DATA_GOVERNANCE),
      new DemoUser("leo", "Leo", "Brandt", LEGAL),
      new DemoUser("fiona", "Fiona", "Park", FINANCE),
      new DemoUser("sofia", "Sofia", "Rossi", SALES),
      new DemoUser("ethan", "Ethan", "Cole", EXECUTIVES),
      new DemoUser("grace", "Grace", "Lin", GOVERNANCE_OFFICE),
      new DemoUser("carlos", "Carlos", "Mendes", CIO),
      new DemoUser("mona", "Mona", "Fischer", MONITORING));

  private final IdentityService identityService;

  DemoUsers(IdentityService identityService) {
    this.identityService = identityService;
  }

  public static DemoUser of(EnsembleGroup group) {
    return USERS.stream().filter(u -> u.group() == group).findFirst().orElseThrow();
  }

  @EventListener
  @Order(2)
  public void onDeployed(ApplicationStartedEvent event) {
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
        continue;
      }
      var user = identityService.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.id() + "@ensemble.example");
      user.setPassword(demo.password());
      identityService.saveUser(user);
      identityService.createMembership(demo.id(), demo.group().id());
      LOG.info("Created demo user {} in group {}", demo.id(), demo.group().id());
    }
  }
}
