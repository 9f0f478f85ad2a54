package io.ensemble.browser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What Camunda's webapps (Tasklist, Cockpit) have in common: their login page and their notifications. */
abstract class Webapp {

  protected final Browser browser;
  protected final String baseUrl;
  private final String app;

  Webapp(Browser browser, String baseUrl, String app) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.app = app;
  }

  /** Starts a fresh session: whoever was logged in before is gone. */
  protected void logIn(String user, String password) {
    browser.driver().get(baseUrl + "/camunda/app/" + app + "/");
    browser.driver().manage().deleteAllCookies();
    browser.driver().navigate().refresh();
    browser.visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    browser.driver().findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
    browser.driver().findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
  }

  /** The texts of the notifications the webapp shows at the bottom right. */
  public String notifications() {
    return browser.driver().findElements(By.cssSelector(".page-notifications .alert")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).reduce("", (a, b) -> a + "\n" + b).strip();
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
