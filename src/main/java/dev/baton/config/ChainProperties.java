package dev.baton.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * {@code baton.chain}: the order of the environments. Micronaut does not promise to keep the order
 * of the {@code baton.environments} map, so the order is this explicit list.
 *
 * @param chain environment names, first to last; empty means {@link #DEFAULT_CHAIN}
 */
@ConfigurationProperties("baton")
public record ChainProperties(@Nullable List<String> chain) {
  /** The chain when {@code baton.chain} is not set. */
  public static final List<String> DEFAULT_CHAIN = List.of("test", "sandbox", "prod");

  public ChainProperties {
    chain = Normalize.list(chain);
  }

  /** True when {@code baton.chain} is set. */
  public boolean explicit() {
    return !chain.isEmpty();
  }

  /** The chain in force: {@code baton.chain}, or {@link #DEFAULT_CHAIN}. */
  public List<String> names() {
    return explicit() ? chain : DEFAULT_CHAIN;
  }
}
