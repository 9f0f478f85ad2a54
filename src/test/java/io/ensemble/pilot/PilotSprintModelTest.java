package io.ensemble.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;

/** {@code bpmn/pilot-sprint.bpmn} against its typed ids, its forms and what its partner calls need. */
class PilotSprintModelTest {

  static final BpmnModelInstance MODEL = Bpmn.readModelFromFile(new File("bpmn/pilot-sprint.bpmn"));

  @Test
  void everyTypedIdExistsInTheModel() throws Exception {
    for (String id : constants(PilotSprintProcess.Activity.class)) {
      assertThat((Object) MODEL.getModelElementById(id)).as(id).isInstanceOf(BaseElement.class);
    }
    assertThat((Object) MODEL.getModelElementById(PilotSprintProcess.KEY)).isNotNull();
  }

  @Test
  void everyFormExistsAndEveryUserTaskAndTheStartUseOnePinnedToTheDeployment() throws Exception {
    List<String> forms = constants(PilotSprintProcess.Form.class);
    for (String form : forms) {
      JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of("forms", form + ".form")));
      assertThat(json.path("id").asText()).isEqualTo(form);
    }
    StartEvent start = MODEL.getModelElementById(PilotSprintProcess.Activity.PILOT_PROPOSED);
    assertThat(start.getCamundaFormRef()).isEqualTo(PilotSprintProcess.Form.START);
    assertThat(start.getCamundaFormRefBinding()).isEqualTo("deployment");
    assertThat(MODEL.getModelElementsByType(UserTask.class)).hasSize(4).allSatisfy(task -> {
      assertThat(forms).contains(task.getCamundaFormRef());
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      assertThat(task.getName()).doesNotContain("${");
    });
    assertThat(MODEL.getModelElementsByType(BusinessRuleTask.class)).singleElement().satisfies(task -> {
      assertThat(task.getCamundaDecisionRef()).isEqualTo(PilotSprintProcess.HEALTH_DECISION);
      assertThat(task.getCamundaDecisionRefBinding()).isEqualTo("deployment");
    });
  }

  /** Each partner gets a job of its own, with an explicit retry cycle: one partner's failure never rolls back another's call. */
  @Test
  void everyPartnerCallRunsInAJobOfItsOwnPerPartner() {
    for (String id : List.of(PilotSprintProcess.Activity.ENROL_PARTNER, PilotSprintProcess.Activity.FETCH_PARTNER_METRICS,
        PilotSprintProcess.Activity.NOTIFY_PARTNER_OF_OUTCOME)) {
      ServiceTask task = MODEL.getModelElementById(id);
      MultiInstanceLoopCharacteristics loop = (MultiInstanceLoopCharacteristics) task.getLoopCharacteristics();
      assertThat(loop.isSequential()).as(id).isFalse();
      assertThat(loop.isCamundaAsyncBefore()).as(id + ": one job per partner").isTrue();
      assertThat(task.isCamundaAsyncBefore()).as(id + ": not one job for all partners").isFalse();
      assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
          .singleResult().getTextContent()).as(id).isNotBlank();
    }
  }

  @Test
  void theProcessIsStartedByTheGovernanceOfficeAndAllianceManagers() {
    org.camunda.bpm.model.bpmn.instance.Process process = MODEL.getModelElementById(PilotSprintProcess.KEY);
    assertThat(process.getCamundaCandidateStarterGroupsList())
        .containsExactlyInAnyOrder("governance-office", "alliance-managers");
    assertThat(process.isCamundaStartableInTasklist()).isTrue();
    assertThat(MODEL.getModelElementsByType(Activity.class)).isNotEmpty();
  }

  static List<String> constants(Class<?> type) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        values.add((String) field.get(null));
      }
    }
    return values;
  }
}
