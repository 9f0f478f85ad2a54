package io.ensemble.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.support.DmnTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in {@code dmn/} is DMN 1.3 with diagram interchange, so Camunda Modeler opens it as a diagram. */
class DmnModelsTest {

  static final String DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

  static Stream<Path> dmnFiles() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(DmnTable.DMN_DIR)) {
      files = listing.filter(p -> p.toString().endsWith(".dmn")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dmnFiles")
  void everyDecisionIsDrawnAndNamedAfterItsFile(Path file) throws IOException {
    DmnModelInstance model;
    try (InputStream in = Files.newInputStream(file)) {
      model = Dmn.readModelFromStream(in);
    }
    Dmn.validateModel(model);
    String fileKey = file.getFileName().toString().replaceFirst("\\.dmn$", "");
    var decisions = model.getModelElementsByType(Decision.class);
    assertThat(decisions).extracting(Decision::getId).contains(fileKey);

    List<String> drawn = model.getDocument().getRootElement().getChildElementsByNameNs(DMNDI, "DMNDI").stream()
        .flatMap(dmndi -> dmndi.getChildElementsByNameNs(DMNDI, "DMNDiagram").stream())
        .flatMap(diagram -> diagram.getChildElementsByNameNs(DMNDI, "DMNShape").stream())
        .map(shape -> shape.getAttribute("dmnElementRef"))
        .toList();
    for (Decision decision : decisions) {
      assertThat(drawn).as("DMNShape of %s", decision.getId()).contains(decision.getId());
      assertThat(decision.getName()).isNotBlank();
    }
    for (Rule rule : model.getModelElementsByType(Rule.class)) {
      assertThat(rule.getDescription()).as("annotation of %s", rule.getId()).isNotNull();
    }
    assertThat(model.getModelElementsByType(DecisionTable.class)).allSatisfy(table ->
        assertThat(table.getHitPolicy()).isNotNull());

    // and the engine accepts it
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine().parseDecisions(in))
          .isNotEmpty();
    }
  }

}
