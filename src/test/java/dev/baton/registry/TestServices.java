package dev.baton.registry;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The real services {@code scripts/test-services.sh} starts, by their environment variables. A
 * class looks its variables up once ({@link #lookup}); without them each test is skipped visibly
 * ({@link #assumeSet}), except on CI ({@code CI=true}), where the lookup fails the class.
 */
public final class TestServices {
  public static final String REGISTRY_URL = "BATON_TEST_REGISTRY_URL";
  public static final String REGISTRY_AUTH_URL = "BATON_TEST_REGISTRY_AUTH_URL";
  public static final String REGISTRY_AUTH_USER = "BATON_TEST_REGISTRY_AUTH_USER";
  public static final String REGISTRY_AUTH_PASSWORD = "BATON_TEST_REGISTRY_AUTH_PASSWORD";

  private TestServices() {}

  /** The variable's value, or null when it is not set; on CI a missing one fails. */
  public static String lookup(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(variable + " not set on CI: run the tests under scripts/test-services.sh");
      }
      return null;
    }
    return value;
  }

  /** Skips the current test when {@code value} (of {@code variable}) is missing. */
  public static void assumeSet(String value, String variable) {
    Assumptions.assumeTrue(
        value != null,
        variable + " not set: skipped (run the tests under scripts/test-services.sh)");
  }
}
