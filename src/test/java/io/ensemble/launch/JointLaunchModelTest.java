package io.ensemble.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;

/** {@link JointLaunchProcess} and {@code bpmn/joint-launch.bpmn} name the same things. */
class JointLaunchModelTest {

  private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/joint-launch.bpmn"));

  @Test
  void everyActivityIdExistsInTheModel() throws IllegalAccessException {
    for (String id : constants(JointLaunchProcess.Activity.class)) {
      assertThat((Object) model.getModelElementById(id)).as(id).isNotNull();
    }
  }

  @Test
  void everyMessageAndFormExists() throws IllegalAccessException {
    assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
        .containsExactlyInAnyOrderElementsOf(constants(JointLaunchProcess.Message.class));
    for (String form : constants(JointLaunchProcess.Form.class)) {
      assertThat(Files.exists(Path.of("forms", form + ".form"))).as(form).isTrue();
    }
    assertThat(model.getModelElementsByType(UserTask.class)).allSatisfy(task -> {
      assertThat(constants(JointLaunchProcess.Form.class)).contains(task.getCamundaFormRef());
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
    });
  }

  @Test
  void everyPartnerCallRunsInAJobOfItsOwnWithARetryCycle() {
    for (String id : List.of(JointLaunchProcess.Activity.REGISTER_OPPORTUNITY, JointLaunchProcess.Activity.PUBLISH_OFFER,
        JointLaunchProcess.Activity.FETCH_SETTLEMENT_FIGURES)) {
      ServiceTask task = model.getModelElementById(id);
      var loop = (org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics) task.getLoopCharacteristics();
      assertThat(loop.isCamundaAsyncBefore()).as(id).isTrue();
      assertThat(loop.getExtensionElements().getElementsQuery()
          .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class).count())
          .as(id).isEqualTo(1);
    }
    for (String id : List.of(JointLaunchProcess.Activity.LAUNCH_OFFER,
        JointLaunchProcess.Activity.TELL_PARTNERS_OF_CLOSURE, JointLaunchProcess.Activity.SEND_STATEMENT)) {
      ServiceTask task = model.getModelElementById(id);
      assertThat(task.isCamundaAsyncBefore()).as(id).isTrue();
    }
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
