package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The caching FEEL engine answers exactly as Camunda's, and keeps only what cannot change. */
class CachingFeelEngineTest {

  static final List<Object> VALUES = List.of("SMB", "MEDIUM", "HIGH", "", 0, 1, 2, 3, 100000, 99999L, 2.5, true, false);

  final ScalaFeelEngine camunda = new ScalaFeelEngine(null);
  final CachingFeelEngine caching = new CachingFeelEngine(null, 100);

  @ParameterizedTest
  @ValueSource(strings = {"\"MEDIUM\",\"HIGH\"", "not(\"SMB\")", "< 2", ">= 100000", "[1..3]", "true", "false",
      "-", "0", "2.5", "\"SMB\"", "null"})
  void literalTestsAnswerAsCamundasEngineForEveryValueTwice(String unaryTests) {
    for (int round = 0; round < 2; round++) {
      for (Object value : VALUES) {
        VariableContext context = Variables.putValue("cellInput", value).asVariableContext();
        assertThat(caching.evaluateSimpleUnaryTests(unaryTests, "cellInput", context))
            .as("%s for %s (round %d)", unaryTests, value, round)
            .isEqualTo(camunda.evaluateSimpleUnaryTests(unaryTests, "cellInput", context));
      }
    }
  }

  @Test
  void aTestThatNamesAnotherVariableIsEvaluatedEachTime() {
    String test = "< threshold";
    assertThat(caching.evaluateSimpleUnaryTests(test, "cellInput",
        Variables.putValue("cellInput", 5).putValue("threshold", 10).asVariableContext())).isTrue();
    assertThat(caching.evaluateSimpleUnaryTests(test, "cellInput",
        Variables.putValue("cellInput", 5).putValue("threshold", 3).asVariableContext())).isFalse();
  }

  @Test
  void anExpressionThatNamesAVariableIsEvaluatedEachTimeAndALiteralOnce() {
    assertThat((Object) caching.evaluateSimpleExpression("goalMetric",
        Variables.putValue("goalMetric", "NEW_REVENUE").asVariableContext())).isEqualTo("NEW_REVENUE");
    assertThat((Object) caching.evaluateSimpleExpression("goalMetric",
        Variables.putValue("goalMetric", "CHURN_REDUCTION").asVariableContext())).isEqualTo("CHURN_REDUCTION");
    assertThat((Object) caching.evaluateSimpleExpression("\"USAGE_BASED\"", Variables.createVariables().asVariableContext()))
        .isEqualTo(camunda.evaluateSimpleExpression("\"USAGE_BASED\"", Variables.createVariables().asVariableContext()));
    assertThat((Object) caching.evaluateSimpleExpression("list contains([\"AT\",\"DE\"], jurisdiction)",
        Variables.putValue("jurisdiction", "DE").asVariableContext())).isEqualTo(true);
    assertThat((Object) caching.evaluateSimpleExpression("list contains([\"AT\",\"DE\"], jurisdiction)",
        Variables.putValue("jurisdiction", "US").asVariableContext())).isEqualTo(false);
  }

  @Test
  void aTextThatDoesNotParseFailsAsInCamundasEngineAndIsNotKept() {
    VariableContext context = Variables.putValue("cellInput", 1).asVariableContext();
    assertThatThrownBy(() -> camunda.evaluateSimpleUnaryTests("> > 1", "cellInput", context))
        .isInstanceOf(FeelException.class);
    assertThatThrownBy(() -> caching.evaluateSimpleUnaryTests("> > 1", "cellInput", context))
        .isInstanceOf(FeelException.class).hasMessageContaining("failed to parse");
    assertThat(caching.cachedEntries()).isZero();
  }

  @Test
  void theCachesStayWithinTheirBound() {
    for (int i = 0; i < 1_000; i++) {
      caching.evaluateSimpleUnaryTests("< " + i, "cellInput", Variables.putValue("cellInput", i).asVariableContext());
      caching.evaluateSimpleExpression("x + " + i, Variables.putValue("x", i).asVariableContext());
    }
    // parsed unary tests, their answers, parsed expressions: each at most the bound
    assertThat(caching.cachedEntries()).isLessThanOrEqualTo(4 * caching.maxEntries());
    assertThat((Object) caching.evaluateSimpleExpression("x + 1", Variables.putValue("x", 41).asVariableContext()))
        .isEqualTo(camunda.evaluateSimpleExpression("x + 1", Variables.putValue("x", 41).asVariableContext()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"a\",\"b\"", "< 2", "not(\"SMB\")", "[1..3]", "\"x y\"", "null", ">= 100000"})
  void literalsAreRecognised(String text) {
    assertThat(CachingFeelEngine.literalOnly(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"< threshold", "date(\"2020-01-01\")", "today()", "\"unterminated", "x + 1",
      "list contains([\"AT\"], jurisdiction)", "? > limit"})
  void anythingElseIsNotALiteral(String text) {
    assertThat(CachingFeelEngine.literalOnly(text)).isFalse();
  }
}
