package io.ensemble.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.browser.Browser;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
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
        Object views = run(browser, "return window.renderModel(arguments[0], arguments[1]);",
            model.getParent().toString(), Files.readString(model));
        List<BufferedImage> pictures = new ArrayList<>();
        for (int view = 0; view < ((Number) views).intValue(); view++) {
          if (view > 0) {
            run(browser, "return window.showView(arguments[0]).then(() => 0);", view);
          }
          pictures.add(ImageIO.read(new ByteArrayInputStream(
              browser.elementPng(browser.driver().findElement(By.id("canvas")), 0))));
        }
        Path picture = ModelPictures.pictureOf(model);
        Files.createDirectories(picture.getParent());
        ImageIO.write(stacked(pictures), "png", picture.toFile());
        hashes.add(ModelPictures.hashLine(model));
      }
    }
    Files.writeString(ModelPictures.HASHES, String.join("\n", hashes) + "\n");
    deletePicturesOfRemovedModels();
  }

  /** Runs a script that returns a promise, and returns what it resolves to (or fails with its error). */
  private static Object run(Browser browser, String script, Object... arguments) {
    Object[] withScript = new Object[arguments.length + 1];
    System.arraycopy(arguments, 0, withScript, 1, arguments.length);
    withScript[0] = script;
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) browser.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const args = Array.prototype.slice.call(arguments, 1, arguments.length - 1);
        Promise.resolve(new Function(arguments[0]).apply(null, args))
            .then(value => done({value: value}), e => done({error: String(e)}));""", withScript);
    assertThat(result.get("error")).as("%s", script).isNull();
    return result.get("value");
  }

  /** The pictures one below the other, on white. */
  private static BufferedImage stacked(List<BufferedImage> pictures) {
    if (pictures.size() == 1) {
      return pictures.get(0);
    }
    int gap = 24;
    int width = pictures.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
    int height = pictures.stream().mapToInt(BufferedImage::getHeight).sum() + gap * (pictures.size() - 1);
    BufferedImage stacked = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = stacked.createGraphics();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, width, height);
    int y = 0;
    for (BufferedImage picture : pictures) {
      graphics.drawImage(picture, 0, y, null);
      y += picture.getHeight() + gap;
    }
    graphics.dispose();
    return stacked;
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
