package io.ensemble.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.browser.Browser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Renders every BPMN and DMN model to a PNG under {@code docs/} with the bpmn-js and dmn-js viewers in
 * headless Chromium, and records each model's SHA-256 in {@code docs/models.sha256}. Not a test of the
 * product: it runs only in the {@code docs} Maven profile ({@value ModelPictures#RENDER_COMMAND}), which
 * first installs the viewers with {@code npm ci} in {@code docs/render/}.
 */
class ModelPicturesRenderer {

  static final Path PAGE = Path.of("docs", "render", "render.html");

  @Test
  void renderEveryModel() throws IOException {
    assertThat(Path.of("docs", "render", "node_modules", "bpmn-js")).as("run npm ci in docs/render first").isDirectory();
    List<String> hashes = new ArrayList<>();
    try (Browser browser = Browser.start(Path.of("target", "model-pictures"))) {
      for (Path model : ModelPictures.models()) {
        browser.driver().get(PAGE.toAbsolutePath().toUri().toString());
        String kind = model.getParent().toString();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.driver().executeAsyncScript("""
            const done = arguments[arguments.length - 1];
            window.renderModel(arguments[0], arguments[1]).then(done, e => done({error: String(e)}));""",
            kind, Files.readString(model));
        assertThat(result.get("error")).as("rendering %s", model).isNull();
        Path picture = ModelPictures.pictureOf(model);
        Files.createDirectories(picture.getParent());
        Files.write(picture, browser.elementPng(browser.driver().findElement(By.id("canvas")), 0));
        hashes.add(ModelPictures.hashLine(model));
      }
    }
    Files.writeString(ModelPictures.HASHES, String.join("\n", hashes) + "\n");
    deletePicturesOfRemovedModels();
  }

  private static void deletePicturesOfRemovedModels() throws IOException {
    List<Path> current = ModelPictures.models().stream().map(ModelPictures::pictureOf).toList();
    for (String folder : List.of("bpmn", "dmn")) {
      Path pictures = ModelPictures.DOCS.resolve(folder);
      if (Files.isDirectory(pictures)) {
        try (Stream<Path> files = Files.list(pictures)) {
          for (Path png : files.filter(f -> f.toString().endsWith(".png")).toList()) {
            if (!current.contains(png)) {
              Files.delete(png);
            }
          }
        }
      }
    }
  }
}
