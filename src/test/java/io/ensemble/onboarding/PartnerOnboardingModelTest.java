package io.ensemble.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The deployed partner-onboarding model against its typed ids, its forms and Tasklist's needs. */
class PartnerOnboardingModelTest extends OnboardingTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired FormService formService;

  ProcessDefinition definition;
  BpmnModelInstance model;

  @BeforeEach
  void load() {
    definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(PartnerOnboardingProcess.KEY).latestVersion().singleResult();
    model = repositoryService.getBpmnModelInstance(definition.getId());
  }

  @Test
  void everyTypedIdExistsInTheModel() throws Exception {
    for (String id : constants(PartnerOnboardingProcess.Activity.class)) {
      assertThat((Object) model.getModelElementById(id)).as(id).isInstanceOf(BaseElement.class);
    }
    Collection<Message> messages = model.getModelElementsByType(Message.class);
    assertThat(messages).extracting(Message::getName)
        .containsExactlyInAnyOrderElementsOf(constants(PartnerOnboardingProcess.Message.class));
  }

  @Test
  void everyUserTaskHasADeployedFormADueDateAndThePartnerNameInItsName() throws Exception {
    Map<String, String> deployedForms = deployedFormIds();
    Collection<UserTask> tasks = model.getModelElementsByType(UserTask.class);
    assertThat(tasks).hasSize(5);
    for (UserTask task : tasks) {
      assertThat(task.getCamundaFormRef()).as(task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
      assertThat(deployedForms).as(task.getId() + " form").containsKey(task.getCamundaFormRef());
      assertThat(task.getCamundaDueDate()).as(task.getId()).isNotBlank();
      assertThat(task.getName()).as(task.getId()).doesNotContain("${");
      assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list())
          .as(task.getId() + " is named for Tasklist on create")
          .anyMatch(listener -> "create".equals(listener.getCamundaEvent())
              && "${onboardingTaskListener}".equals(listener.getCamundaDelegateExpression()));
      assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
    }
    assertThat(deployedForms.keySet()).containsAll(constants(PartnerOnboardingProcess.Form.class));
  }

  /** A running onboarding keeps the forms and decisions it was started with, whatever is deployed later. */
  @Test
  void formsAndDecisionsArePinnedToTheDeploymentOfTheRunningInstance() {
    StartEvent start = model.getModelElementById(PartnerOnboardingProcess.Activity.PARTNER_PROPOSED);
    assertThat(start.getCamundaFormRefBinding()).isEqualTo("deployment");
    assertThat(model.getModelElementsByType(UserTask.class)).allSatisfy(task ->
        assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment"));
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BusinessRuleTask.class))
        .isNotEmpty().allSatisfy(task ->
            assertThat(task.getCamundaDecisionRefBinding()).as(task.getId()).isEqualTo("deployment"));
    List<String> deployed = repositoryService.getDeploymentResourceNames(definition.getDeploymentId());
    assertThat(deployed).anyMatch(name -> name.endsWith("partner-risk-tier.dmn"))
        .anyMatch(name -> name.endsWith("partner-review.form"));
  }

  @Test
  void allianceManagersStartItFromTasklistWithTheStartForm() throws Exception {
    StartEvent start = model.getModelElementById(PartnerOnboardingProcess.Activity.PARTNER_PROPOSED);
    assertThat(start.getCamundaFormRef()).isEqualTo(PartnerOnboardingProcess.Form.START);
    assertThat(definition.isStartableInTasklist()).isTrue();
    assertThat(definition.getHistoryTimeToLive()).isEqualTo(180);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(PartnerOnboardingProcess.KEY)
        .startableByUser("amira").latestVersion().count()).isEqualTo(1);
    try (InputStream form = formService.getDeployedStartForm(definition.getId())) {
      JsonNode json = new ObjectMapper().readTree(form);
      assertThat(json.get("id").asText()).isEqualTo(PartnerOnboardingProcess.Form.START);
      List<String> keys = new ArrayList<>();
      json.get("components").forEach(c -> { if (c.has("key")) keys.add(c.get("key").asText()); });
      assertThat(keys).containsExactlyInAnyOrder("partnerKey", "partnerName", "partnerType", "capabilities",
          "dataAccess", "jurisdiction", "annualContractValue", "certifications", "apiBaseUrl");
    }
  }

  /** form id → resource name, over the resources deployed with the process. */
  private Map<String, String> deployedFormIds() throws Exception {
    Map<String, String> forms = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String resource : repositoryService.getDeploymentResourceNames(definition.getDeploymentId())) {
      if (resource.endsWith(".form")) {
        try (InputStream form = repositoryService.getResourceAsStream(definition.getDeploymentId(), resource)) {
          JsonNode schema = json.readTree(form);
          assertThat(schema.get("schemaVersion").asInt()).as(resource).isEqualTo(16);
          assertThat(schema.get("executionPlatformVersion").asText()).as(resource).isEqualTo("7.24.0");
          forms.put(schema.get("id").asText(), resource);
        }
      }
    }
    return forms;
  }

  private static List<String> constants(Class<?> holder) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field field : holder.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        values.add((String) field.get(null));
      }
    }
    return values;
  }
}
