package io.ensemble.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Camunda Cockpit as the governance office uses it: processes, their instances, incidents and retries. */
public final class Cockpit extends Webapp {

  public Cockpit(Browser browser, String baseUrl) {
    super(browser, baseUrl, "cockpit");
  }

  public Cockpit logInAs(String user) {
    logIn(user, user);
    browser.visible(By.cssSelector("[cam-widget-header]"));
    return this;
  }

  /** The deployed process definitions page: one row per process. */
  public Cockpit openProcesses() {
    browser.driver().get(baseUrl + "/camunda/app/cockpit/default/#/processes");
    browser.visible(By.xpath("//h1[contains(normalize-space(.),'process definition')]"
        + " | //*[contains(normalize-space(text()),'process definitions deployed')]"));
    return this;
  }

  /** The running-instance count Cockpit shows for the process of that name. */
  public int runningInstances(String processName) {
    WebElement row = browser.visible(processRow(processName));
    return Integer.parseInt(row.findElement(By.cssSelector("td.instances")).getText().strip());
  }

  public int incidents(String processName) {
    WebElement row = browser.visible(processRow(processName));
    return Integer.parseInt(row.findElement(By.cssSelector("td.incidents")).getText().strip());
  }

  /** Opens the process definition (its diagram and instance list). */
  public Cockpit openProcess(String processName) {
    click(browser, browser.visible(processRow(processName)).findElement(By.cssSelector("td.name a")));
    browser.visible(By.cssSelector("td.instance-id a"));
    return this;
  }

  /** Opens the instance of the open process definition with that id. */
  public Cockpit openInstance(String processInstanceId) {
    click(browser, browser.clickable(By.cssSelector("td.instance-id a[title='%s']"
        .formatted(processInstanceId))));
    browser.visible(By.xpath("//*[contains(@class,'breadcrumb')]//*[contains(normalize-space(.),'%s')]"
        .formatted(processInstanceId)));
    return this;
  }

  public Cockpit openTab(String tab) {
    click(browser, browser.clickable(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='%s']"
        .formatted(tab))));
    return this;
  }

  /** The messages of the incidents listed on the open tab, waiting for at least one. */
  public List<String> incidentMessages() {
    browser.visible(By.cssSelector("td.message a"));
    return browser.driver().findElements(By.cssSelector("td.message a")).stream()
        .map(message -> message.getDomProperty("textContent").strip()).toList();
  }

  /**
   * Retries the failed job of the (first) listed incident now: in the "Increment Number of Retries" dialog,
   * "Set due date" (it proposes the present) rather than "Keep due date" (the retry cycle's last interval).
   */
  public void retryIncident() {
    click(browser, browser.clickable(By.cssSelector("td.action button, td.action a")));
    click(browser, browser.clickable(By.cssSelector(".modal-content input#dueDate")));
    browser.visible(By.cssSelector(".modal-content [cam-widget-inline-field][type='datetime']"));
    click(browser, browser.clickable(By.cssSelector(".modal-footer button[ng-click='incrementRetry()']")));
    browser.visible(By.xpath("//div[contains(@class,'modal-body')]"
        + "//div[contains(normalize-space(.),'has been incremented successfully')]"));
    click(browser, browser.clickable(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='OK']")));
    browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
  }

  /** The diagram canvas of the open definition or instance, once bpmn-js has drawn it. */
  public WebElement diagram() {
    return browser.visible(By.cssSelector(".djs-container svg"));
  }

  private static By processRow(String processName) {
    return By.xpath("//tr[td[contains(@class,'name')]//a[normalize-space(.)='%s']]".formatted(processName));
  }
}
