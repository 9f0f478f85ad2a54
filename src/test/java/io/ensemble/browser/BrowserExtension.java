package io.ensemble.browser;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless browser per test class, registered as a static field:
 * <pre>{@code @RegisterExtension static BrowserExtension browser = new BrowserExtension("onboarding");}</pre>
 * Screenshots go to {@code target/journeys/<name>/}. A failing test leaves {@code FAILED-<test>.png} and the
 * page's HTML there, showing what the browser showed when it failed. Without Chromium the class is skipped
 * before the application starts, and the build says so at its end; with {@code CI=true} that fails instead.
 */
public class BrowserExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(BrowserExtension.class);
  public static final Path JOURNEYS = Path.of("target", "journeys");

  private final Path screenshots;
  private Browser browser;
  private String failedStep;

  public BrowserExtension(String journey) {
    this.screenshots = JOURNEYS.resolve(journey);
  }

  public Browser browser() {
    if (browser == null) {
      throw new IllegalStateException("The browser starts before the test class's first test");
    }
    return browser;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> unmet = BrowserRequirement.unmet();
    if (unmet.isEmpty()) {
      return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
    }
    if (BrowserRequirement.required()) {
      throw new IllegalStateException(unmet.get() + " (CI=true: nothing may be skipped)");
    }
    BrowserRequirement.note(unmet.get());
    return ConditionEvaluationResult.disabled(unmet.get());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    browser = Browser.start(screenshots);
  }

  /** Whether an earlier test of the class failed: later steps of the same story cannot pass then. */
  public boolean journeyBroken() {
    return failedStep != null;
  }

  public String failedStep() {
    return failedStep;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    failedStep = context.getDisplayName();
    if (browser == null) {
      return;
    }
    String name = "FAILED-" + context.getRequiredTestMethod().getName();
    try {
      browser.saveForDiagnosis(name);
      LOG.warn("{} failed; the browser's view is in {}", context.getDisplayName(),
          screenshots.resolve(name + ".png").toAbsolutePath());
    } catch (RuntimeException e) {
      LOG.warn("Could not save the browser's view of the failed test {}", context.getDisplayName(), e);
    }
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {}

  @Override
  public void afterAll(ExtensionContext context) {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
