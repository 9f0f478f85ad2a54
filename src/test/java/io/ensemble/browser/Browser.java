package io.ensemble.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver: both paths are explicit, so Selenium Manager
 * never looks for (or downloads) a browser or a driver. Each instance has its own fresh profile directory.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of(System.getProperty("ensemble.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER =
      Path.of(System.getProperty("ensemble.chromedriver", "/usr/bin/chromedriver"));
  static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;
  private final AtomicInteger shots = new AtomicInteger();

  private Browser(ChromeDriver driver, Path profile, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  /** Starts a browser whose screenshots go to {@code screenshots} (created if missing). */
  public static Browser start(Path screenshots) {
    System.setProperty("SE_OFFLINE", "true");
    BrowserRequirement.unmet().ifPresent(message -> {
      throw new IllegalStateException(message);
    });
    try {
      Path profile = Files.createTempDirectory("ensemble-chromium-");
      var options = new ChromeOptions()
          .setBinary(CHROMIUM.toFile())
          .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--disable-quic", "--window-size=1440,900",
              "--user-data-dir=" + profile.toAbsolutePath());
      var service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      Files.createDirectories(screenshots);
      return new Browser(new ChromeDriver(service, options), profile, screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public WebDriverWait waiting() {
    return new WebDriverWait(driver, WAIT);
  }

  public WebDriverWait waiting(Duration timeout) {
    return new WebDriverWait(driver, timeout);
  }

  public WebElement visible(By locator) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  public WebElement clickable(By locator) {
    return waiting().until(ExpectedConditions.elementToBeClickable(locator));
  }

  /** Saves a screenshot of the viewport as {@code NN-name.png}, numbered in the order taken. */
  public Path screenshot(String name) {
    Path file = screenshots.resolve("%02d-%s.png".formatted(shots.incrementAndGet(), name));
    write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /** Like {@link #screenshot}, with the window made {@code height} pixels tall for this one picture. */
  public Path tallScreenshot(String name, int height) {
    Dimension size = driver.manage().window().getSize();
    driver.manage().window().setSize(new Dimension(size.getWidth(), height));
    try {
      return screenshot(name);
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  /** Saves the current page's screenshot and DOM under {@code name}, for diagnosing a failure. */
  public void saveForDiagnosis(String name) {
    write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    write(screenshots.resolve(name + ".html"), driver.getPageSource().getBytes());
  }

  /** A PNG of exactly the given element, even where it reaches beyond the viewport. */
  public byte[] elementPng(WebElement element, int margin) {
    @SuppressWarnings("unchecked")
    Map<String, Object> box = (Map<String, Object>) driver.executeScript("""
        const r = arguments[0].getBoundingClientRect();
        return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};""",
        element);
    double x = Math.max(0, number(box.get("x")) - margin);
    double y = Math.max(0, number(box.get("y")) - margin);
    Map<String, Object> clip = Map.of("x", x, "y", y,
        "width", Math.ceil(number(box.get("width")) + 2 * margin),
        "height", Math.ceil(number(box.get("height")) + 2 * margin), "scale", 1);
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "clip", clip, "captureBeyondViewport", true));
    return Base64.getDecoder().decode((String) shot.get("data"));
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteRecursively(profile.toFile());
    }
  }

  private static void deleteRecursively(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteRecursively(child);
      }
    }
    file.delete();
  }
}
