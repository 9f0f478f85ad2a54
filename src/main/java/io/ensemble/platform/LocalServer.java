package io.ensemble.platform;

import org.springframework.core.env.Environment;

/** Where this application answers on the machine it runs on (the port chosen at start-up, also a random one). */
public final class LocalServer {

  private LocalServer() {}

  /** {@code http://localhost:<port>}, without a trailing slash. */
  public static String baseUrl(Environment environment) {
    return "http://localhost:"
        + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
  }
}
