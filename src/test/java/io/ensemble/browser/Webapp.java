package io.ensemble.browser;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What Camunda's webapps (Tasklist, Cockpit, Admin) have in common: login page, header and notifications. */
abstract class Webapp {

  protected final Browser browser;
  protected final String baseUrl;
  private final String app;

  Webapp(Browser browser, String baseUrl, String app) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.app = app;
  }

  /** A webapp's first page of a run starts the webapp and loads megabytes of script: on a busy machine, slow. */
  private static final Duration FIRST_LOAD = Duration.ofSeconds(180);
  private static final By LOGIN_FORM = By.cssSelector("form[name='signinForm']");
  private static final By LOG_OUT = By.cssSelector("[cam-widget-header] li.logout a");

  /**
   * Logs in on the webapp's own login page. Whoever was logged in before logs out first, from the user menu
   * of the page on screen (the session is shared by all webapps, and one user's may lack the next webapp).
   */
  protected void logIn(String user, String password) {
    logOutIfLoggedIn();
    browser.driver().get(baseUrl + "/camunda/app/" + app + "/");
    browser.waiting(FIRST_LOAD).until(d -> !d.findElements(LOGIN_FORM).isEmpty() || !d.findElements(LOG_OUT).isEmpty());
    logOutIfLoggedIn();
    browser.visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    browser.driver().findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
    browser.driver().findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(LOGIN_FORM));
  }

  private void logOutIfLoggedIn() {
    List<WebElement> logOut = browser.driver().findElements(LOG_OUT);
    if (!logOut.isEmpty()) {
      click(browser, logOut.get(0).findElement(By.xpath("ancestor::li[contains(@class,'dropdown')][1]/a")));
      click(browser, browser.clickable(LOG_OUT));
      browser.visible(LOGIN_FORM);
    }
  }

  /** The product name the header shows next to the mark, e.g. "Ensemble Tasklist". */
  public String brand() {
    return browser.visible(By.cssSelector("[cam-widget-header] .navbar-brand .brand-name")).getText().strip();
  }

  /** Whether the header shows Ensemble's mark (the user stylesheet's) rather than Camunda's logo. */
  public boolean showsEnsemblesMark() {
    WebElement logo = browser.visible(By.cssSelector("[cam-widget-header] .navbar-brand .brand-logo"));
    boolean camundaLogoShown = logo.findElements(By.cssSelector("svg")).stream().anyMatch(WebElement::isDisplayed);
    return !camundaLogoShown && logo.getCssValue("background-image").contains("ensemble-mark.svg");
  }

  /** Whether Camunda's community-edition end-of-life banner is on screen. */
  public boolean showsEndOfLifeBanner() {
    return browser.driver().findElements(By.cssSelector(".ce-eol-banner")).stream().anyMatch(WebElement::isDisplayed);
  }

  /** The texts of the notifications the webapp shows at the bottom right. */
  public String notifications() {
    return browser.driver().findElements(By.cssSelector(".page-notifications .alert")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).reduce("", (a, b) -> a + "\n" + b).strip();
  }

  /** Waits until a notification says {@code text} (they appear a moment after the action). */
  public String awaitNotification(String text) {
    browser.waiting().until(d -> notifications().contains(text));
    return notifications();
  }

  public void dismissNotifications() {
    for (WebElement close : browser.driver().findElements(By.cssSelector(".page-notifications .alert button.close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
  }

  static void scrollTo(Browser browser, WebElement element) {
    browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }

  /**
   * Clicks like a person: scrolls the element into view and waits for it to be clickable. The webapps keep
   * a notification panel over the bottom right of the page; a button it covers is pressed from the keyboard.
   */
  static void click(Browser browser, WebElement element) {
    scrollTo(browser, element);
    browser.waiting().until(ExpectedConditions.elementToBeClickable(element));
    try {
      browser.waiting(Duration.ofSeconds(2)).ignoring(ElementClickInterceptedException.class)
          .until(d -> {
            element.click();
            return true;
          });
    } catch (org.openqa.selenium.TimeoutException covered) {
      element.sendKeys(Keys.ENTER);
    }
  }
}
