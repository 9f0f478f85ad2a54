package io.ensemble.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * A Camunda Form (form-js) as rendered by Tasklist, in a start dialog or a task. Fields are found by their
 * visible label, as a person finds them.
 */
public final class CamundaForm {

  private final Browser browser;
  private final SearchContext scope;

  CamundaForm(Browser browser, SearchContext scope) {
    this.browser = browser;
    this.scope = scope;
  }

  /** The field whose label reads {@code label} (a required field's asterisk aside). */
  public WebElement field(String label) {
    By locator = By.xpath(".//div[contains(@class,'fjs-form-field')][label[normalize-space(text())='%s']]"
        .formatted(label));
    browser.waiting().until(d -> !scope.findElements(locator).isEmpty());
    return scope.findElement(locator);
  }

  public CamundaForm type(String label, String text) {
    WebElement input = field(label).findElement(By.cssSelector("input, textarea"));
    Webapp.scrollTo(browser, input);
    input.clear();
    // leaving the field (Tab) hands the value to form-js at once; it debounces what is typed
    input.sendKeys(text, Keys.TAB);
    return this;
  }

  /** Picks an option of a radio group or a select by its visible text. */
  public CamundaForm choose(String label, String option) {
    WebElement field = field(label);
    if (field.getDomAttribute("class").contains("fjs-form-field-select")) {
      By item = By.xpath(".//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='%s']".formatted(option));
      if (field.findElements(item).isEmpty()) {
        // the list opens on click (or already on focus, when Tab led here)
        Webapp.click(browser, field.findElement(By.cssSelector(".fjs-select-display, .fjs-input")));
      }
      browser.waiting().until(d -> !field.findElements(item).isEmpty());
      Webapp.click(browser, field.findElement(item));
    } else {
      Webapp.click(browser, field.findElement(By.xpath(".//label[normalize-space(.)='%s']".formatted(option))));
    }
    return this;
  }

  /** Ticks or unticks a checkbox. */
  public CamundaForm check(String label, boolean checked) {
    WebElement box = field(label).findElement(By.cssSelector("input[type='checkbox']"));
    if (box.isSelected() != checked) {
      Webapp.click(browser, box);
    }
    return this;
  }

  /** What the field shows: an input's value, or the text of a read-only text view. */
  public String value(String label) {
    List<WebElement> inputs = field(label).findElements(By.cssSelector("input, textarea"));
    return inputs.isEmpty() ? field(label).getText() : inputs.get(0).getDomProperty("value");
  }

  /** The whole form's visible text: headings, labels, texts and the values shown in read-only fields. */
  public String text() {
    WebElement form = scope.findElement(By.cssSelector(".fjs-form"));
    StringBuilder text = new StringBuilder(form.getText());
    for (WebElement input : form.findElements(By.cssSelector("input[readonly], textarea[readonly]"))) {
      text.append('\n').append(input.getDomProperty("value"));
    }
    return text.toString();
  }

  /** The validation messages form-js shows under invalid fields. */
  public List<String> errors() {
    return scope.findElements(By.cssSelector(".fjs-form-field-error")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
  }
}
