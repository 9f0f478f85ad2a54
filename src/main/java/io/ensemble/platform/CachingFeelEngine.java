package io.ensemble.platform;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelLogger;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL integration, evaluating exactly as {@link ScalaFeelEngine} does, but without its repeated work:
 * <ul>
 *   <li>each distinct expression and unary test is parsed once (the original parses again on every evaluation,
 *       which is most of the cost of a decision: feel-scala issue 1149); parsed expressions are immutable and
 *       shared by all threads;</li>
 *   <li>a text made of literals only (e.g. {@code "MEDIUM","HIGH"}, {@code >= 100000}, {@code not("SMB")}, an
 *       output {@code "USAGE_BASED"}) names no variable and calls no function, so its answer depends on the tested
 *       input value alone: that answer is kept per (text, value) for plain immutable values.</li>
 * </ul>
 * Everything is bounded; when a cache is full, an entry is dropped before a new one is added.
 */
public class CachingFeelEngine extends ScalaFeelEngine {

  /** Words that may appear outside string literals in a text that depends on nothing but the input value. */
  private static final Set<String> LITERAL_WORDS = Set.of("not", "true", "false", "null");
  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
  private static final Pattern ONLY_LITERAL_SYNTAX = Pattern.compile("[\\s\\p{N}\\p{L}_.,+\\-<>=!()\\[\\]?]*");
  /** Values whose equals and hashCode mean FEEL-equality of the same type, and that nobody can change. */
  private static final Set<Class<?>> PLAIN_VALUES = Set.of(String.class, Boolean.class, Integer.class, Long.class,
      Short.class, Byte.class, Double.class, Float.class, BigDecimal.class, BigInteger.class);
  private static final int VALUES_PER_TEST = 256;

  private final int maxEntries;
  private final Bounded<String, Compiled> expressions;
  private final Bounded<String, Compiled> unaryTests;
  private final Bounded<String, Object> constants;
  private final Bounded<String, Bounded<Object, Boolean>> literalTestAnswers;

  public CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders, int maxEntries) {
    super(functionProviders);
    this.maxEntries = maxEntries;
    this.expressions = new Bounded<>(maxEntries);
    this.unaryTests = new Bounded<>(maxEntries);
    this.constants = new Bounded<>(maxEntries);
    this.literalTestAnswers = new Bounded<>(maxEntries);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    Object constant = constants.get(expression);
    if (constant != null) {
      return (T) constant;
    }
    Compiled compiled = expressions.computeIfAbsent(expression, text -> compile(text, feelEngine::parseExpression));
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new ContextVariableWrapper(variableContext);
      }
    };
    Object value = valueOf(feelEngine.eval(compiled.parsed(), context));
    if (compiled.literalOnly() && value != null && PLAIN_VALUES.contains(value.getClass())) {
      constants.put(expression, value);
    }
    return (T) value;
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
    Object input = plainInput(inputVariable, variableContext);
    Compiled compiled = unaryTests.computeIfAbsent(expression, text -> compile(text, feelEngine::parseUnaryTests));
    Bounded<Object, Boolean> answers = input == null || !compiled.literalOnly() ? null
        : literalTestAnswers.computeIfAbsent(expression, text -> new Bounded<>(VALUES_PER_TEST));
    if (answers != null) {
      Boolean known = answers.get(input);
      if (known != null) {
        return known;
      }
    }
    boolean answer = evaluateUnaryTests(compiled.parsed(), inputVariable, variableContext);
    if (answers != null) {
      answers.put(input, answer);
    }
    return answer;
  }

  private boolean evaluateUnaryTests(ParsedExpression parsed, String inputVariable, VariableContext variableContext) {
    StaticVariableProvider input = new StaticVariableProvider(new Map.Map1<String, Object>(INPUT_VARIABLE_NAME,
        inputVariable));
    ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new CompositeVariableProvider(toScalaList(input, variables));
      }
    };
    return BoxesRunTime.unboxToBoolean(valueOf(feelEngine.eval(parsed, context)));
  }

  /** How many entries the caches hold now (parsed texts, constants, literal tests); for tests and metrics. */
  public int cachedEntries() {
    return expressions.size() + unaryTests.size() + constants.size() + literalTestAnswers.size();
  }

  public int maxEntries() {
    return maxEntries;
  }

  private static Object plainInput(String inputVariable, VariableContext variableContext) {
    if (!variableContext.containsVariable(inputVariable)) {
      return null;
    }
    TypedValue typed = variableContext.resolve(inputVariable);
    Object value = typed == null ? null : typed.getValue();
    return value != null && PLAIN_VALUES.contains(value.getClass()) ? value : null;
  }

  /** True when the text, outside its string literals, has only numbers, operators and the words not/true/false/null. */
  static boolean literalOnly(String text) {
    String rest = STRING_LITERAL.matcher(text).replaceAll(" ");
    if (rest.indexOf('"') >= 0 || !ONLY_LITERAL_SYNTAX.matcher(rest).matches()) {
      return false; // an unterminated string (FEEL will say what is wrong), or more than literals
    }
    Matcher words = WORD.matcher(rest);
    while (words.find()) {
      if (!LITERAL_WORDS.contains(words.group())) {
        return false;
      }
    }
    return true;
  }

  private static Compiled compile(String text, Function<String, Either<Failure, ParsedExpression>> parser) {
    return new Compiled((ParsedExpression) valueOf(parser.apply(text).map(parsed -> (Object) parsed)),
        literalOnly(text));
  }

  /** A parsed text, and whether it depends on nothing but the tested value. */
  private record Compiled(ParsedExpression parsed, boolean literalOnly) {}

  private static Object valueOf(Either<Failure, Object> result) {
    if (result instanceof Right<Failure, Object> right) {
      return right.value();
    }
    throw ScalaFeelLogger.LOGGER.evaluationException(((Left<Failure, Object>) result).value().message());
  }

  /** A concurrent map of at most {@code max} entries; a text that fails to parse is never kept. */
  private static final class Bounded<K, V> {

    private final int max;
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();

    Bounded(int max) {
      this.max = max;
    }

    V get(K key) {
      return entries.get(key);
    }

    V computeIfAbsent(K key, Function<K, V> compute) {
      V known = entries.get(key);
      if (known != null) {
        return known;
      }
      V fresh = compute.apply(key);
      put(key, fresh);
      return fresh;
    }

    void put(K key, V value) {
      if (entries.size() >= max && !entries.containsKey(key)) {
        // decision tables are finite, so this happens only with texts or values that keep changing: drop any one
        entries.keySet().stream().findAny().ifPresent(entries::remove);
      }
      entries.put(key, value);
    }

    int size() {
      return entries.size();
    }
  }
}
