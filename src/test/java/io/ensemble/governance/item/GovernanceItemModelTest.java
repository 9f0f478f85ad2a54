package io.ensemble.governance.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.governance.item.GovernanceItemProcess.Var;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

/** {@code bpmn/governance-item.bpmn} against its typed ids, its forms and what its listeners read. */
class GovernanceItemModelTest {

  static final BpmnModelInstance MODEL = Bpmn.readModelFromFile(new File("bpmn/governance-item.bpmn"));
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTypedIdExistsInTheModel() throws Exception {
    for (String id : constants(GovernanceItemProcess.Activity.class)) {
      assertThat((Object) MODEL.getModelElementById(id)).as(id).isInstanceOf(BaseElement.class);
    }
    assertThat(MODEL.getModelElementsByType(Message.class)).extracting(Message::getName)
        .containsExactlyInAnyOrderElementsOf(constants(GovernanceItemProcess.Message.class));
    Process process = MODEL.getModelElementById(GovernanceItemProcess.KEY);
    assertThat(process.getCamundaCandidateStarterGroups().split(","))
        .containsExactlyInAnyOrderElementsOf(GovernanceTaskListener.GROUPS);
    assertThat(process.isCamundaStartableInTasklist()).isTrue();
  }

  @Test
  void everyUserTaskHasAFormThatExistsIsNamedOnCreateAndCheckedOnComplete() throws Exception {
    for (UserTask task : MODEL.getModelElementsByType(UserTask.class)) {
      assertThat(new File("forms/" + task.getCamundaFormRef() + ".form")).as(task.getId()).exists();
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("latest");
      assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list())
          .extracting(CamundaTaskListener::getCamundaEvent, CamundaTaskListener::getCamundaDelegateExpression)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("create", "${governanceTaskListener}"),
              org.assertj.core.groups.Tuple.tuple("complete", "${governanceTaskListener}"));
    }
    for (String form : constants(GovernanceItemProcess.Form.class)) {
      assertThat(new File("forms/" + form + ".form")).as(form).exists();
    }
  }

  @Test
  void formsSubmitWhatTheListenersRead() throws Exception {
    assertThat(keys(GovernanceItemProcess.Form.START)).containsExactlyInAnyOrderElementsOf(RaiseRequest.FIELDS);
    assertThat(keys(GovernanceItemProcess.Form.TRIAGE))
        .containsExactlyInAnyOrder(Var.KIND, Var.SEVERITY, Var.OWNER_GROUP, Var.RESOLVE_BY, Var.TRIAGE_NOTE);
    assertThat(keys(GovernanceItemProcess.Form.WORK))
        .containsExactlyInAnyOrder(Var.WORK_OUTCOME, Var.RESOLUTION, Var.HAND_BACK_REASON);
    assertThat(keys(GovernanceItemProcess.Form.CLOSURE)).containsExactlyInAnyOrder(Var.CLOSURE_DECISION, Var.REOPEN_REASON);
    assertThat(keys(GovernanceItemProcess.Form.ESCALATION)).containsExactly(Var.ESCALATION_ACTION);
    StartEvent start = MODEL.getModelElementById(GovernanceItemProcess.Activity.ITEM_RAISED);
    assertThat(start.getCamundaFormRef()).isEqualTo(GovernanceItemProcess.Form.START);
  }

  @Test
  void partnerCallsAreAsyncWithAnExplicitRetryCycleAndARefusalBoundary() {
    for (String id : List.of(GovernanceItemProcess.Activity.NOTIFY_PARTNER_OF_ITEM,
        GovernanceItemProcess.Activity.NOTIFY_PARTNER_OF_CLOSURE)) {
      ServiceTask task = MODEL.getModelElementById(id);
      assertThat(task.isCamundaAsyncBefore()).as(id).isTrue();
      assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
          .singleResult().getTextContent()).as(id).isNotBlank();
    }
  }

  private static List<String> keys(String form) throws Exception {
    JsonNode schema = JSON.readTree(new File("forms/" + form + ".form"));
    assertThat(schema.get("id").asText()).isEqualTo(form);
    List<String> keys = new ArrayList<>();
    schema.get("components").forEach(c -> { if (c.has("key")) keys.add(c.get("key").asText()); });
    return keys;
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
