package io.ensemble.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The house rules of DESIGN.md §3–§4 and STYLE.md for every model file, so that a model cannot drift from
 * them unnoticed: ids from file names, history time to live, complete diagram interchange without overlapping
 * shapes, and user tasks routed to groups with a form and a due date.
 */
class ModelConventionsTest {

  private static final Path BPMN = Path.of("bpmn");
  private static final Path DMN = Path.of("dmn");

  @TestFactory
  Stream<DynamicTest> everyProcessFollowsTheConventions() throws IOException {
    return files(BPMN, ".bpmn").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
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
  Stream<DynamicTest> everyDecisionFollowsTheConventions() throws IOException {
    return files(DMN, ".dmn").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      String id = baseName(file, ".dmn");
      Decision decision = model.getModelElementById(id);
      assertThat(decision).as("decision with id = file name '%s'", id).isNotNull();
      assertThat(decision.getName()).as("%s has a business name", id).isNotBlank();
      assertThat(decision.getCamundaHistoryTimeToLiveString()).as("%s history time to live", id).isNotBlank();
      List<String> drawn = dmnShapeRefs(file);
      assertThat(model.getModelElementsByType(Decision.class)).allSatisfy(d ->
          assertThat(drawn).as("DMN DI shape of %s", d.getId()).contains(d.getId()));
    }));
  }

  /** Camunda's DMN model API does not read DMN DI, so the shapes are read from the XML itself. */
  private static List<String> dmnShapeRefs(Path file) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    NodeList shapes = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagNameNS("*", "DMNShape");
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < shapes.getLength(); i++) {
      refs.add(((Element) shapes.item(i)).getAttribute("dmnElementRef"));
    }
    return refs;
  }

  private static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
  }

  private static Stream<Path> files(Path folder, String extension) throws IOException {
    if (!Files.isDirectory(folder)) {
      return Stream.empty();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.toString().endsWith(extension)).sorted().toList().stream();
    }
  }

  private static String baseName(Path file, String extension) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - extension.length());
  }
}
