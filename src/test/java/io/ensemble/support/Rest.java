package io.ensemble.support;

import io.ensemble.security.DemoUsers;
import io.ensemble.security.EnsembleGroup;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Requests as the tests send them: as a demo user, with a JSON body. */
public final class Rest {

  private Rest() {}

  /** The demo user of that group. */
  public static TestRestTemplate as(TestRestTemplate rest, EnsembleGroup group) {
    return as(rest, DemoUsers.of(group).id());
  }

  /** A demo user by id (demo passwords are the user ids; the admin's is {@code demo}). */
  public static TestRestTemplate as(TestRestTemplate rest, String userId) {
    return rest.withBasicAuth(userId, userId);
  }

  public static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
