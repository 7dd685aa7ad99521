package dev.baton;

import io.micronaut.runtime.Micronaut;

/** Starts Baton. */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).banner(false).start();
  }
}
