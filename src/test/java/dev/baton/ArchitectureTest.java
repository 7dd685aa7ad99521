package dev.baton;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.baton.pipeline.PipelineCore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  /** Baton's own classes, tests left out; imported once for every rule. */
  static final JavaClasses BATON =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.baton");

  @Test
  void theCoreImportsNoFrameworkOrSdk() {
    noClasses()
        .that()
        .resideInAPackage("dev.baton.pipeline..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micronaut..",
            "com.slack..",
            "software.amazon..",
            "io.fabric8..",
            "jakarta..",
            "org.slf4j..",
            "dev.failsafe..",
            "dev.baton.retry..",
            "dev.baton.api..",
            "dev.baton.slack..",
            "dev.baton.store..",
            "dev.baton.registry..",
            "dev.baton.cluster..",
            "dev.baton.config..")
        .check(BATON);
  }

  @Test
  void theCoreDoesNotReadTheSystemClock() {
    noClasses()
        .that()
        .resideInAPackage("dev.baton.pipeline..")
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .check(BATON);
  }

  @Test
  void adaptersUseTheCoresServicesNotItsPorts() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.baton.pipeline..")
        .should()
        .callMethod(PipelineCore.class, "ports")
        .because("adapters call the core's services; the store and the ports are the core's own")
        .check(BATON);
  }
}
