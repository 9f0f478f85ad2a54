package io.ensemble.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the pictures of the models live and how to tell whether they are current. Every BPMN and DMN model
 * has a PNG under {@code docs/} (same folder name and base name: {@code bpmn/partner-onboarding.bpmn} →
 * {@code docs/bpmn/partner-onboarding.png}), and {@code docs/models.sha256} records, in {@code sha256sum}
 * format, the SHA-256 of each model file as it was when its picture was rendered.
 */
public final class ModelPictures {

  public static final Path DOCS = Path.of("docs");
  public static final Path HASHES = DOCS.resolve("models.sha256");
  public static final String RENDER_COMMAND = "./mvnw -Pdocs verify";
  private static final List<String> MODEL_FOLDERS = List.of("bpmn", "dmn");

  private ModelPictures() {}

  /**
   * The model files, as paths relative to the project folder, in a stable order. Never empty: run from anywhere
   * but the project folder, every check built on it would otherwise pass without looking at a model.
   */
  public static List<Path> models() {
    List<Path> models = MODEL_FOLDERS.stream().flatMap(folder -> list(Path.of(folder), "." + folder)).sorted().toList();
    if (models.isEmpty()) {
      throw new IllegalStateException("No models in " + MODEL_FOLDERS + " below " + Path.of("").toAbsolutePath());
    }
    return models;
  }

  /** The model files of one kind: {@code bpmn} or {@code dmn}. */
  public static List<Path> models(String kind) {
    return models().stream().filter(model -> model.toString().endsWith("." + kind)).toList();
  }

  public static Path pictureOf(Path model) {
    String name = model.getFileName().toString();
    return DOCS.resolve(model.getParent().toString()).resolve(name.substring(0, name.lastIndexOf('.')) + ".png");
  }

  /** The hashes recorded at the last rendering, by model path ({@code bpmn/x.bpmn}). */
  public static Map<String, String> recordedHashes() {
    Map<String, String> hashes = new LinkedHashMap<>();
    if (!Files.exists(HASHES)) {
      throw new IllegalStateException(HASHES + " is missing: render the pictures with ./mvnw -Pdocs verify");
    }
    for (String line : read(HASHES)) {
      if (!line.isBlank()) {
        hashes.put(line.substring(66).strip(), line.substring(0, 64));
      }
    }
    return hashes;
  }

  public static String hashLine(Path model) {
    return sha256(model) + "  " + unixPath(model);
  }

  public static String unixPath(Path path) {
    return path.toString().replace('\\', '/');
  }

  public static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Stream<Path> list(Path folder, String extension) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException("No folder " + folder.toAbsolutePath());
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(extension)).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
