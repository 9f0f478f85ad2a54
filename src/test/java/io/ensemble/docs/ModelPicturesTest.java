package io.ensemble.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README shows every model as a picture; a model changed without re-rendering its picture fails here. */
class ModelPicturesTest {

  @Test
  void everyModelHasAPictureRenderedFromItsCurrentVersion() {
    Map<String, String> recorded = ModelPictures.recordedHashes();
    List<String> stale = new ArrayList<>();
    for (Path model : ModelPictures.models()) {
      String path = ModelPictures.unixPath(model);
      if (!ModelPictures.sha256(model).equals(recorded.get(path))) {
        stale.add(path + (recorded.containsKey(path) ? " changed since its picture was rendered" : " has no picture"));
      } else if (!Files.isRegularFile(ModelPictures.pictureOf(model))) {
        stale.add(path + ": " + ModelPictures.pictureOf(model) + " is missing");
      }
    }
    assertThat(stale)
        .as("models whose picture in docs/ is not current; regenerate them with `%s`", ModelPictures.RENDER_COMMAND)
        .isEmpty();
  }

  @Test
  void readmeShowsEveryModel() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(ModelPictures.models().stream().map(ModelPictures::pictureOf).map(ModelPictures::unixPath)
        .filter(picture -> !readme.contains("](" + picture + ")")))
        .as("pictures missing from README.md's section 'What it looks like'")
        .isEmpty();
  }

  @Test
  void noPictureOutlivesItsModel() {
    List<String> models = ModelPictures.models().stream().map(ModelPictures::unixPath).toList();
    assertThat(ModelPictures.recordedHashes().keySet())
        .as("pictures of models that no longer exist; regenerate with `%s`", ModelPictures.RENDER_COMMAND)
        .isSubsetOf(models);
  }
}
