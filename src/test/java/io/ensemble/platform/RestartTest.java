package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.EnsembleApplication;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo run as a newcomer restarts it: the embedded database file keeps its data, models keep their versions. */
class RestartTest {

  record Deployed(List<String> definitions, long deployments, long partners) {}

  @Test
  void restartKeepsDataAndCreatesNoNewVersionsOfUnchangedModels(@TempDir Path dataDir) {
    String database = "--ensemble.h2-url=jdbc:h2:file:" + dataDir.resolve("ensemble").toAbsolutePath();

    Deployed first = startAndInspect(database);
    Deployed second = startAndInspect(database);

    assertThat(first.definitions()).as("models from bpmn/, dmn/ deployed").isNotEmpty();
    assertThat(second.definitions()).isEqualTo(first.definitions());
    assertThat(second.deployments()).isEqualTo(first.deployments());
    assertThat(second.partners()).isEqualTo(first.partners());
  }

  private static Deployed startAndInspect(String database) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EnsembleApplication.class)
        .run("--server.port=0", database)) {
      RepositoryService repository = context.getBean(RepositoryService.class);
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForList("select \"success\" from \"ensemble_schema_history\" where \"version\" is not null",
          Boolean.class)).as("Flyway migrations on H2").isNotEmpty().containsOnly(true);
      List<String> definitions = new java.util.ArrayList<>();
      repository.createProcessDefinitionQuery().list().stream().map(RestartTest::keyAndVersion).forEach(definitions::add);
      repository.createDecisionDefinitionQuery().list().stream().map(RestartTest::keyAndVersion).forEach(definitions::add);
      definitions.sort(null);
      long partners = jdbc.queryForObject("select count(*) from partner", Long.class);
      return new Deployed(definitions, repository.createDeploymentQuery().count(), partners);
    }
  }

  private static String keyAndVersion(ResourceDefinition definition) {
    return definition.getKey() + ":" + definition.getVersion();
  }
}
