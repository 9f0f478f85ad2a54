package io.ensemble.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.docs.ModelPictures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The house rules of DESIGN.md §3–§4 and STYLE.md for every model file, so that a model cannot drift from
 * them unnoticed: ids from file names, history time to live, complete diagram interchange without overlapping
 * shapes, and user tasks routed to groups with a form and a due date.
 */
class ModelConventionsTest {

  private static final String DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

  @TestFactory
  Stream<DynamicTest> everyProcessFollowsTheConventions() {
    return ModelPictures.models("bpmn").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Bpmn.validateModel(model);
      String id = baseName(file, ".bpmn");

      Process process = model.getModelElementById(id);
      assertThat(process).as("process with id = file name '%s'", id).isNotNull();
      assertThat(process.isExecutable()).as("%s is executable", id).isTrue();
      assertThat(process.getCamundaHistoryTimeToLiveString()).as("%s history time to live", id).isNotBlank();
      assertThat(process.getName()).as("%s has a business name", id).isNotBlank();

      Map<String, BpmnShape> shapes = model.getModelElementsByType(BpmnShape.class).stream()
          .collect(Collectors.toMap(s -> s.getBpmnElement().getId(), Function.identity()));
      Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
      assertThat(nodes).allSatisfy(node ->
          assertThat(shapes).as("shape of %s", node.getId()).containsKey(node.getId()));
      List<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
          .map(e -> e.getBpmnElement().getId()).toList();
      assertThat(model.getModelElementsByType(SequenceFlow.class)).allSatisfy(flow ->
          assertThat(edges).as("edge of %s", flow.getId()).contains(flow.getId()));

      List<FlowNode> plain = nodes.stream()
          .filter(n -> !(n instanceof BoundaryEvent) && !(n instanceof SubProcess)).toList();
      List<String> overlaps = new ArrayList<>();
      for (int i = 0; i < plain.size(); i++) {
        for (int j = i + 1; j < plain.size(); j++) {
          if (overlap(shapes.get(plain.get(i).getId()).getBounds(), shapes.get(plain.get(j).getId()).getBounds())) {
            overlaps.add(plain.get(i).getId() + " / " + plain.get(j).getId());
          }
        }
      }
      assertThat(overlaps).as("overlapping shapes in %s", id).isEmpty();

      assertThat(model.getModelElementsByType(UserTask.class)).allSatisfy(task -> {
        assertThat(task.getName()).as("%s name", task.getId()).isNotBlank();
        assertThat(task.getCamundaAssignee()).as("%s must go to groups, not people", task.getId()).isNull();
        assertThat(task.getCamundaCandidateGroups()).as("%s candidate groups", task.getId()).isNotBlank();
        assertThat(task.getCamundaFormRef()).as("%s form", task.getId()).isNotBlank();
        assertThat(task.getCamundaDueDate()).as("%s due date", task.getId()).isNotBlank();
      });
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyDecisionFollowsTheConventions() {
    return ModelPictures.models("dmn").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      Dmn.validateModel(model);
      String id = baseName(file, ".dmn");
      Decision decision = model.getModelElementById(id);
      assertThat(decision).as("decision with id = file name '%s'", id).isNotNull();
      assertThat(decision.getCamundaHistoryTimeToLiveString()).as("%s history time to live", id).isNotBlank();

      // Camunda's DMN model API does not read DMN DI: the shapes are read from the document itself
      List<String> drawn = model.getDocument().getRootElement().getChildElementsByNameNs(DMNDI, "DMNDI").stream()
          .flatMap(dmndi -> dmndi.getChildElementsByNameNs(DMNDI, "DMNDiagram").stream())
          .flatMap(diagram -> diagram.getChildElementsByNameNs(DMNDI, "DMNShape").stream())
          .map(shape -> shape.getAttribute("dmnElementRef"))
          .toList();
      assertThat(model.getModelElementsByType(Decision.class)).allSatisfy(d -> {
        assertThat(d.getName()).as("%s has a business name", d.getId()).isNotBlank();
        assertThat(drawn).as("DMN DI shape of %s", d.getId()).contains(d.getId());
      });
      assertThat(model.getModelElementsByType(DecisionTable.class)).allSatisfy(table ->
          assertThat(table.getHitPolicy()).as("hit policy chosen on purpose").isNotNull());
      assertThat(model.getModelElementsByType(Rule.class)).allSatisfy(rule ->
          assertThat(rule.getDescription()).as("annotation (why) of %s", rule.getId()).isNotNull());

      try (InputStream in = Files.newInputStream(file)) {
        assertThat(DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine().parseDecisions(in))
            .as("the engine accepts %s", id).isNotEmpty();
      }
    }));
  }

  private static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
  }

  private static String baseName(Path file, String extension) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - extension.length());
  }
}
