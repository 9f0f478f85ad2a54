package io.ensemble.pilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ensemble.platform.InvalidInputException;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start contract of pilot-sprint: what REST, the start form and a calling process may pass. */
class PilotPlanTest {

  static Map<String, Object> valid() {
    Map<String, Object> values = new HashMap<>();
    values.put("pilotKey", "month-end-close-pilot");
    values.put("pilotName", "Month-end close in days");
    values.put("lineUp", "botworks | RPA automation\ndocumind | Document AI\nclearpath-consulting | Process redesign");
    values.put("leadIntegrator", "clearpath-consulting");
    values.put("criteria", "close-days-saved | 3 | 2\nadoption | 100 | 1");
    values.put("duration", "P6W");
    values.put("serviceDeskQueue", "FIN-CLOSE-DESK");
    values.put("runbookReference", "RB-FIN-001");
    values.put("runbookSteps", "Open the shared desk\nAutomate the AP ledger");
    return values;
  }

  @Test
  void theStartFormsLinesAndRestsJsonGiveTheSamePlan() {
    PilotPlan fromForm = PilotPlan.of(valid());
    Map<String, Object> json = valid();
    json.put("lineUp", "[{\"partnerKey\": \"botworks\", \"role\": \"RPA automation\"}, {\"partnerKey\": \"documind\", "
        + "\"role\": \"Document AI\"}, {\"partnerKey\": \"clearpath-consulting\", \"role\": \"Process redesign\"}]");
    json.put("criteria", "[{\"name\": \"close-days-saved\", \"plan\": 3, \"weight\": 2}, "
        + "{\"name\": \"adoption\", \"plan\": \"100\", \"weight\": 1}]");
    json.put("runbookSteps", "[\"Open the shared desk\", \"Automate the AP ledger\"]");

    assertThat(PilotPlan.of(json)).isEqualTo(fromForm);
    assertThat(fromForm.partnerKeys()).containsExactly("botworks", "documind", "clearpath-consulting");
    assertThat(fromForm.criteria()).contains(new PilotPlan.Criterion("close-days-saved", 3, 2));
    assertThat(fromForm.duration()).isEqualTo(Period.ofDays(42));
    assertThat(fromForm.checkpointInterval()).isEqualTo(Period.ofDays(7));
  }

  @Test
  void theCompanysOwnItMayLead() {
    Map<String, Object> values = valid();
    values.put("leadIntegrator", "own-it");
    assertThat(PilotPlan.of(values).leadIntegrator()).isEqualTo("own-it");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    Map<String, Object> values = valid();
    values.remove("pilotName");
    values.put("pilotKey", "no spaces");
    values.put("lineUp", "botworks | RPA\nbotworks | again");
    values.put("leadIntegrator", "somebody");
    values.put("criteria", "adoption | 100 | 0");
    values.put("duration", "P13W");
    values.put("checkpointInterval", "P1M");
    values.put("runbookSteps", "[]");

    assertThatThrownBy(() -> PilotPlan.of(values)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("pilotKey must be 1 to 100 letters")
        .hasMessageContaining("pilotName is missing")
        .hasMessageContaining("lineUp: partner botworks is listed twice")
        .hasMessageContaining("KPI adoption needs a weight above 0")
        .hasMessageContaining("duration must be 1 to 12 weeks, got P91D")
        .hasMessageContaining("checkpointInterval must be given in weeks or days")
        .hasMessageContaining("runbookSteps must be a non-empty JSON array")
        .hasMessageNotContaining("needs at least one entry");
  }

  @Test
  void theTimeBoxAndItsCheckpointsAreBounded() {
    Map<String, Object> values = valid();
    values.put("duration", "P6D");
    assertThatThrownBy(() -> PilotPlan.of(values)).hasMessageContaining("duration must be 1 to 12 weeks, got P6D");
    values.put("duration", "P2W");
    values.put("checkpointInterval", "P3W");
    assertThatThrownBy(() -> PilotPlan.of(values)).hasMessageContaining("must not be longer than the duration");
    values.put("checkpointInterval", "P0D");
    assertThatThrownBy(() -> PilotPlan.of(values)).hasMessageContaining("checkpointInterval must be at least one day");
    values.put("checkpointInterval", "P1W");
    values.put("lineUp", "Botworks! | RPA");
    assertThatThrownBy(() -> PilotPlan.of(values)).hasMessageContaining("partner key 'Botworks!' must match");
    values.put("lineUp", "botworks");
    assertThatThrownBy(() -> PilotPlan.of(values)).hasMessageContaining("must be partnerKey | role");
  }
}
