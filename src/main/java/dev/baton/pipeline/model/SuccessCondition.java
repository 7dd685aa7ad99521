package dev.baton.pipeline.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comparison of a metric value with a number, written {@code "< 0.01"}, {@code ">= 99.5"}, {@code
 * "== 0"}. A NaN value satisfies none of them, so a division by zero never passes.
 */
public record SuccessCondition(Comparison comparison, double threshold) {
  private static final Pattern FORM =
      Pattern.compile(
          "\\s*(<=|>=|==|!=|<|>)\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*");

  /** The six comparisons, each with the sign people write and its opposite. */
  public enum Comparison {
    LT("<", "≥"),
    LE("<=", ">"),
    GT(">", "≤"),
    GE(">=", "<"),
    EQ("==", "≠"),
    NE("!=", "=");

    private final String sign;
    private final String breach;

    Comparison(String sign, String breach) {
      this.sign = sign;
      this.breach = breach;
    }

    public String sign() {
      return sign;
    }

    /** The sign that says how a value failed: {@code 0.023 ≥ 0.01}. */
    public String breachSign() {
      return breach;
    }
  }

  /**
   * Reads {@code "< 0.01"}.
   *
   * @throws IllegalArgumentException naming the accepted form
   */
  public static SuccessCondition parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a condition: write one of <, <=, >, >=, ==, != and a number, e.g. \"< 0.01\"");
    }
    for (Comparison c : Comparison.values()) {
      if (c.sign.equals(m.group(1))) {
        return new SuccessCondition(c, Double.parseDouble(m.group(2)));
      }
    }
    throw new IllegalStateException("unreachable: " + m.group(1));
  }

  public boolean holds(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    return switch (comparison) {
      case LT -> value < threshold;
      case LE -> value <= threshold;
      case GT -> value > threshold;
      case GE -> value >= threshold;
      case EQ -> value == threshold;
      case NE -> value != threshold;
    };
  }

  /** {@code "< 0.01"}. */
  public String describe() {
    return comparison.sign + " " + number(threshold);
  }

  /** A value as people read it: {@code 0.023}, {@code 12}, {@code NaN}; at most 4 decimals. */
  public static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    BigDecimal d = BigDecimal.valueOf(value);
    BigDecimal rounded =
        d.abs().compareTo(BigDecimal.ONE) >= 0 || d.signum() == 0
            ? d.setScale(4, java.math.RoundingMode.HALF_UP)
            : d.round(new java.math.MathContext(4));
    return rounded.stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }
}
