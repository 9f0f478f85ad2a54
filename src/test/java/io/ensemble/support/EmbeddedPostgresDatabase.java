package io.ensemble.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server (binaries of the same major version as docker-compose's, from Maven Central),
 * started once per test JVM and stopped by the library's own shutdown hook. Each Spring context that asks
 * gets a database of its own.
 *
 * <pre>
 * &#64;DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) { EmbeddedPostgresDatabase.register(registry); }
 * </pre>
 * together with {@code @ActiveProfiles({"demo", "postgres"})} and {@code @DirtiesContext}: the context must
 * close before the JVM's shutdown hooks stop the server, or closing the engine waits on a dead database.
 */
public final class EmbeddedPostgresDatabase {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresDatabase() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** Creates a fresh database and points the {@code postgres} profile's variables at it. */
  public static void register(DynamicPropertyRegistry registry) {
    String url = newDatabase();
    registry.add("ENSEMBLE_DB_URL", () -> url);
    registry.add("ENSEMBLE_DB_USER", () -> "postgres");
    registry.add("ENSEMBLE_DB_PASSWORD", () -> "postgres");
  }

  /** Creates a fresh database (user and password {@code postgres}) and returns its JDBC URL. */
  public static String newDatabase() {
    String database = "ensemble_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection()) {
      connection.createStatement().execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + database, e);
    }
    return server().getJdbcUrl("postgres", database);
  }
}
