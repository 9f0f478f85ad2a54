package io.ensemble.browser;

import org.openqa.selenium.By;

/** Camunda Admin as an administrator uses it. */
public final class Admin extends Webapp {

  public Admin(Browser browser, String baseUrl) {
    super(browser, baseUrl, "admin");
  }

  public Admin logInAs(String user, String password) {
    logIn(user, password);
    browser.visible(By.cssSelector("[cam-widget-header]"));
    return this;
  }
}
