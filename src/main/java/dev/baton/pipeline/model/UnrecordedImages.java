package dev.baton.pipeline.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs in an environment where Baton has recorded no deployment of the app: typically the
 * images a live cluster ran before Baton was adopted. The first deployment replaces them.
 *
 * @param images workload → image reference as the Deployment names it, in the app's workload order
 * @param release the registered release whose digests these are exactly, or null when they are not
 *     a release Baton knows
 */
public record UnrecordedImages(String app, String env, Map<String, String> images, String release) {
  public UnrecordedImages {
    images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
  }

  /** True when the images are exactly a registered release (one Baton never deployed here). */
  public boolean isRegisteredRelease() {
    return release != null;
  }

  /**
   * One sentence for the API and the audit log: "sandbox runs credreg/main-app@sha256:…, not a
   * release Baton knows".
   */
  public String sentence() {
    List<String> refs = new ArrayList<>(images.values());
    return env
        + " runs "
        + String.join(", ", refs)
        + (release == null
            ? ", not a release Baton knows"
            : ", the images of " + release + ", which Baton did not deploy there")
        + "; Baton has recorded no deployment of "
        + app
        + " there";
  }
}
