package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.spin.Spin.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Forms speak words and store codes: every user task carries {@code <variable>Label} for the coded variables it
 * sees, and no form in {@code forms/} shows a code where people expect words, or offers a code under words other
 * than the shared ones ({@link CodeWords} beans).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class FormWordsTest {

  static final Path FORMS = Path.of("forms");
  static final List<String> CHOICES = List.of("select", "radio", "checklist", "taglist");
  static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}");
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @Autowired List<CodeWords> catalogue;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;

  @Test
  void anyUserTaskOfAnyProcessCarriesTheWordsForItsCodes() {
    String process = "form-words-probe";
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(process).count() == 0) {
      repositoryService.createDeployment().addModelInstance(process + ".bpmn", Bpmn.createExecutableProcess(process)
          .camundaHistoryTimeToLive(1).startEvent().userTask("Task_Look").endEvent().done()).deploy();
    }
    VariableMap variables = Variables.createVariables()
        .putValue("partnerType", "DATA_PLATFORM")
        .putValue("dataAccess", "PERSONAL")
        .putValue("riskTier", "HIGH")
        .putValue("capabilities", JSON("[\"ANALYTICS\", \"PRIVACY_SAFEGUARDS\"]"))
        .putValue("certifications", "[\"ISO27001\", \"SOC2\"]");
    String instance = runtimeService.startProcessInstanceByKey(process, variables).getId();
    Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();

    VariableMap shown = formService.getTaskFormVariables(task.getId());

    assertThat(shown.getValue("partnerTypeLabel", String.class)).isEqualTo("Data platform");
    assertThat(shown.getValue("dataAccessLabel", String.class)).isEqualTo("Personal data");
    assertThat(shown.getValue("riskTierLabel", String.class)).isEqualTo("High");
    assertThat(shown.getValue("capabilitiesLabel", String.class)).isEqualTo("Analytics, Privacy safeguards");
    assertThat(shown.getValue("certificationsLabel", String.class)).isEqualTo("ISO/IEC 27001, SOC 2");
    assertThat(runtimeService.getVariable(instance, "partnerType")).as("the code stays").isEqualTo("DATA_PLATFORM");
    assertThat(runtimeService.getVariable(instance, "partnerTypeLabel")).as("words belong to the task").isNull();
  }

  @Test
  void aCodeWithoutWordsReadsAsItself() {
    CodeWords tiers = new CodeWords("riskTier", Map.of("HIGH", "High"));

    assertThat(tiers.label("EXTREME")).isEqualTo("EXTREME");
    assertThat(tiers.label(List.of("HIGH", "EXTREME"))).isEqualTo("High, EXTREME");
  }

  @Test
  void everyFormShowsWordsAndOffersCodesUnderTheSharedWords() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> forms = Files.list(FORMS)) {
      for (Path form : forms.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        components(new ObjectMapper().readTree(form.toFile())).forEach(component -> problems.addAll(check(form, component)));
      }
    }
    assertThat(problems).isEmpty();
  }

  List<String> check(Path form, JsonNode component) {
    List<String> problems = new ArrayList<>();
    String type = component.path("type").asText();
    Matcher templates = TEMPLATE.matcher(component.path("text").asText());
    while (templates.find()) {
      Matcher names = NAME.matcher(templates.group(1));
      while (names.find()) {
        String name = names.group();
        catalogue.stream().filter(words -> words.variable().equals(name)).findFirst().ifPresent(words ->
            problems.add("%s shows the code of %s: write {{%s}}".formatted(form, name, words.labelVariable())));
      }
    }
    String key = component.path("key").asText();
    for (CodeWords words : catalogue) {
      if (!words.variable().equals(key)) {
        continue;
      }
      if (!CHOICES.contains(type)) {
        problems.add("%s asks for %s in a %s: offer its codes in a select, radio, checklist or taglist"
            .formatted(form, key, type));
      }
      for (JsonNode option : component.path("values")) {
        String code = option.path("value").asText();
        String expected = words.words().get(code);
        if (expected == null) {
          problems.add("%s offers %s, which is not a code of %s".formatted(form, code, key));
        } else if (!expected.equals(option.path("label").asText())) {
          problems.add("%s calls %s of %s \"%s\"; the shared words are \"%s\"".formatted(form, code, key,
              option.path("label").asText(), expected));
        }
      }
    }
    return problems;
  }

  /** Every component of a form, including those inside groups. */
  static List<JsonNode> components(JsonNode parent) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode component : parent.path("components")) {
      all.add(component);
      all.addAll(components(component));
    }
    return all;
  }
}
