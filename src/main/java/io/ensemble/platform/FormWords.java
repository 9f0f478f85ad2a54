package io.ensemble.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Forms show words, processes keep codes: when any user task of any process is created, it gets the task-local
 * variable {@code <variable>Label} for every coded variable it can see ({@link CodeWords} beans), so a form
 * writes {@code {{partnerTypeLabel}}} where it would otherwise show {@code DATA_PLATFORM}. Added to every user
 * task when models are parsed, so no model needs a listener for it.
 */
@Component
class FormWords extends AbstractProcessEnginePlugin implements TaskListener {

  private final List<CodeWords> catalogue;

  FormWords(List<CodeWords> catalogue) {
    this.catalogue = List.copyOf(catalogue);
  }

  @Override
  public void notify(DelegateTask task) {
    for (CodeWords codeWords : catalogue) {
      Object value = task.getVariable(codeWords.variable());
      if (value != null) {
        task.setVariableLocal(codeWords.labelVariable(), codeWords.label(value));
      }
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, FormWords.this);
      }
    });
  }
}
