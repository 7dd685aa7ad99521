package dev.baton.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every fault test class the same running {@link BatonUnderFaults}, started on first use with
 * one release already running in test and prod, and stopped when the test run ends. One server for
 * the whole suite keeps it fast; each scenario promotes a build of its own and heals its faults.
 */
final class SharedBaton implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedBaton.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == BatonUnderFaults.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(BatonUnderFaults.class, k -> start(), BatonUnderFaults.class);
  }

  private static BatonUnderFaults start() {
    try {
      Path dir = Files.createTempDirectory("baton-faults");
      BatonUnderFaults baton = new BatonUnderFaults(dir);
      new Outcomes(baton).runningInProd(baton.nextBuild());
      return baton;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
