package io.ensemble.browser;

import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Camunda Tasklist as a person uses it: filters on the left, tasks in the middle, the task's form on the right. */
public final class Tasklist extends Webapp {

  private static final By FILTERS = By.cssSelector(".task-filter h4.name a");
  /** Tasklist's words for an open filter without tasks. */
  private static final String NO_MATCHING_TASK = "No task matching filters found.";
  private static final By TASKS = By.cssSelector("ol.tasks-list li.task h4.task a");

  public Tasklist(Browser browser, String baseUrl) {
    super(browser, baseUrl, "tasklist");
  }

  /** Logs in afresh as a demo user (password = user id) and waits for the filters. */
  public Tasklist logInAs(String user) {
    logIn(user, user);
    browser.visible(FILTERS);
    return this;
  }

  /** The names of the filters this user sees. */
  public List<String> filters() {
    browser.visible(FILTERS);
    return texts(FILTERS).stream().map(name -> name.replaceAll("\\s*\\(?\\d+\\)?$", "")).toList();
  }

  public Tasklist openFilter(String name) {
    click(browser, browser.clickable(By.xpath(
        "//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[normalize-space(text())='%s']"
            .formatted(name))));
    browser.waiting().until(ExpectedConditions.attributeContains(By.xpath(
        "//div[contains(@class,'task-filter')][.//a[normalize-space(text())='%s']]".formatted(name)),
        "class", "active"));
    return this;
  }

  /**
   * The names of the tasks listed in the open filter, once the list has loaded: either tasks are listed or
   * Tasklist says that none match, so that an empty answer is never a list that has not loaded yet.
   */
  public List<String> tasks() {
    browser.visible(By.cssSelector("div[cam-tasks] > div.ng-scope"));
    browser.waiting().until(d -> !d.findElements(TASKS).isEmpty()
        || d.findElements(By.xpath("//*[contains(normalize-space(.),'%s')]".formatted(NO_MATCHING_TASK))).stream()
            .anyMatch(element -> element.isDisplayed()));
    return texts(TASKS);
  }

  /** Waits until the open filter lists a task of that name (the list refreshes itself) and opens it. */
  public Tasklist openTask(String name) {
    By task = By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[normalize-space(.)='%s']"
        .formatted(name));
    click(browser, browser.clickable(task));
    browser.visible(By.xpath("//div[@cam-tasklist-task]//h2[contains(@class,'task')][normalize-space(.)='%s']"
        .formatted(name)));
    return this;
  }

  /**
   * Follows a link to a task (as a person pasting it would) and returns the task's name as shown, or nothing
   * when Tasklist answers with a notification instead (no such task, or not for this user).
   */
  public Optional<String> openTaskLink(String taskId) {
    dismissNotifications();
    browser.driver().get(baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId);
    By header = By.cssSelector("div[cam-tasklist-task] h2.task");
    browser.waiting().until(d -> !notifications().isEmpty()
        || d.findElements(header).stream().anyMatch(WebElement::isDisplayed));
    return browser.driver().findElements(header).stream().filter(WebElement::isDisplayed)
        .map(h -> h.getText().strip()).findFirst();
  }

  public Tasklist claim() {
    click(browser, browser.clickable(By.cssSelector("button.claim")));
    browser.visible(By.cssSelector("div[cam-tasklist-task-meta] li.assignee [cam-widget-inline-field]"));
    return this;
  }

  /** The Camunda Form of the open task, once rendered. */
  public CamundaForm form() {
    browser.visible(By.cssSelector("[cam-tasklist-form-camunda] .fjs-form"));
    return new CamundaForm(browser, browser.driver().findElement(By.cssSelector("[cam-tasklist-form-camunda]")));
  }

  /** Presses Complete and waits until the task has left the list. */
  public void complete() {
    String taskLink = browser.visible(By.cssSelector("ol.tasks-list li.task.active h4.task a")).getDomAttribute("href");
    pressComplete();
    browser.waiting().until(d -> d.findElements(By.cssSelector("ol.tasks-list h4.task a[href='%s']"
        .formatted(taskLink))).isEmpty());
  }

  /** Presses Complete on a form that should refuse it, and returns the validation messages shown. */
  public List<String> completeRefused() {
    pressComplete();
    CamundaForm form = form();
    browser.waiting().until(d -> !form.errors().isEmpty());
    return form.errors();
  }

  private void pressComplete() {
    dismissNotifications();
    click(browser, browser.clickable(By.xpath("//div[contains(@class,'form-actions')]/button[normalize-space(.)='Complete']")));
  }

  /** Opens "Start process", picks the process by name and returns its start form. */
  public CamundaForm startProcess(String processName) {
    click(browser, browser.clickable(By.xpath("//a[normalize-space(.)='Start process']")));
    click(browser, browser.clickable(By.xpath(
        "//div[contains(@class,'modal-content')]//a[normalize-space(.)='%s']".formatted(processName))));
    browser.visible(By.cssSelector(".modal-content .fjs-form"));
    return new CamundaForm(browser, browser.driver().findElement(By.cssSelector(".modal-content")));
  }

  /** Presses Start in the start dialog and waits for it to close. */
  public void submitStart() {
    click(browser, browser.clickable(By.xpath(
        "//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Start']")));
    browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
  }

  private List<String> texts(By locator) {
    return browser.driver().findElements(locator).stream().map(WebElement::getText).map(String::strip).toList();
  }
}
