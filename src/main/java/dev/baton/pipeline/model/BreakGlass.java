package dev.baton.pipeline.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a promotion breaks glass: it may start during a freeze, outside the environment's windows or
 * in a blackout, and before the minimum bake time — never past image verification, digest pinning,
 * staleness or the no-downgrade rule. It needs its own approvals (the policy's {@code
 * break-glass-approvals} from {@code break-glass-approvers}).
 *
 * @param reason what people were told, required
 * @param ticket an incident or change reference such as {@code INC-123}, or null
 */
public record BreakGlass(String reason, String ticket) {
  /** A ticket reference written in the reason, e.g. {@code INC-123} or {@code OPS-42}. */
  private static final Pattern TICKET = Pattern.compile("\\b[A-Z][A-Z0-9]+-\\d+\\b");

  public BreakGlass {
    Objects.requireNonNull(reason, "reason");
    reason = reason.strip();
    if (reason.isEmpty()) {
      throw new IllegalArgumentException("a break-glass promotion needs a reason");
    }
    ticket = ticket == null || ticket.isBlank() ? null : ticket.strip();
  }

  /** The reason with its ticket: the one given, else the first reference found in the reason. */
  public static BreakGlass of(String reason, String ticket) {
    return new BreakGlass(reason, ticket != null ? ticket : detectTicket(reason).orElse(null));
  }

  /** The first ticket reference ({@code [A-Z][A-Z0-9]+-\d+}) in {@code text}, if any. */
  public static Optional<String> detectTicket(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = TICKET.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  /** "reason (ticket INC-123)", as audit details and messages show it. */
  public String describe() {
    return reason + (ticket == null || reason.contains(ticket) ? "" : " (ticket " + ticket + ")");
  }
}
