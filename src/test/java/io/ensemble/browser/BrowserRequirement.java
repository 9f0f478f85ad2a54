package io.ensemble.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the browser journeys can run on this machine. Without Chromium they are skipped and noted for the
 * end of the build ({@code tools/build/optional-tools.sh report}), the way Testcontainers skips without Docker;
 * where they must run (CI, or the docs profile that takes the README's screenshot) a missing browser fails
 * with the same message.
 */
final class BrowserRequirement {

  /** Where the build's report at the end finds what was not run. */
  static final Path NOTES = Path.of("target", "optional-tools");
  static final String PACKAGES = "chromium chromium-driver";

  private BrowserRequirement() {}

  /** What is missing and the one command that installs it; empty when Chromium and chromedriver are here. */
  static Optional<String> unmet() {
    for (Path binary : new Path[] {Browser.CHROMIUM, Browser.CHROMEDRIVER}) {
      if (!Files.isExecutable(binary)) {
        return Optional.of("Browser journeys (*IT) need Chromium and chromedriver: " + binary + " is missing. "
            + "Install them with: sudo apt-get install -y " + PACKAGES);
      }
    }
    return Optional.empty();
  }

  /** On CI ({@code CI=true}) and when taking pictures for the README, nothing may be skipped. */
  static boolean required() {
    return "true".equals(System.getenv("CI")) || System.getProperty("ensemble.docs") != null;
  }

  static void note(String message) {
    try {
      Files.createDirectories(NOTES);
      Files.writeString(NOTES.resolve("browser-journeys.txt"), message + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
