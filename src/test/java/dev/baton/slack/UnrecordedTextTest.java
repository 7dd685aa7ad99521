package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.slack.blocks.UnrecordedText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentences about images that run where Baton recorded no deployment. */
class UnrecordedTextTest {
  @Test
  void digestsAreShortenedOnTheBoardAndOtherReferencesShownAsTheyAre() {
    Map<String, String> images = new LinkedHashMap<>();
    images.put("main-app", "credreg/main-app@" + Fixtures.digest("x"));
    images.put("worker-app", "credreg/worker-app:1.4");

    String line = UnrecordedText.runs(new UnrecordedImages("credreg", "prod", images, null));

    assertThat(line)
        .isEqualTo(
            "runs `credreg/main-app@sha256:"
                + Fixtures.digest("x").substring(7, 19)
                + "…`, `credreg/worker-app:1.4`, not a release Baton knows");
  }

  @Test
  void theImagesOfARegisteredReleaseAreNamedAsThatRelease() {
    UnrecordedImages u =
        new UnrecordedImages(
            "credreg",
            "prod",
            Map.of("main-app", "credreg/main-app@" + Fixtures.digest("main-1")),
            Fixtures.tag(1));

    assertThat(UnrecordedText.runs(u))
        .endsWith(", the images of `" + Fixtures.tag(1) + "`, which Baton did not deploy here");
    assertThat(UnrecordedText.replaced(u))
        .startsWith(
            "ℹ️ Before this first deployment by Baton, *PROD* ran the images of `"
                + Fixtures.tag(1)
                + "`, which Baton had not deployed there; this deployment replaces them:")
        .contains("`main-app` `credreg/main-app@" + Fixtures.digest("main-1") + "`");
  }
}
