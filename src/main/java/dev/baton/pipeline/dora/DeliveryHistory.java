package dev.baton.pipeline.dora;

import java.time.Instant;

/**
 * Port: what one lane's store rows say about its deliveries over a period. Served from the rows
 * Baton already keeps (deployments, promotions, releases), never from a second bookkeeping.
 */
public interface DeliveryHistory {
  /**
   * Deployments completed in [{@code from}, {@code to}) and failures that happened in the same
   * period, both oldest first.
   */
  DeliveryRecords records(String app, String env, Instant from, Instant to);
}
