package dev.baton.pipeline.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A weekly deployment window read off the wall clock of its zone: open on each of {@code days} from
 * {@code from} (inclusive) to {@code to} (exclusive). When {@code to} is before {@code from} the
 * window crosses midnight and closes on the next day; {@code days} name the day it opens.
 *
 * <p>Because the window is what the local clock shows, daylight-saving changes need no arithmetic
 * of Baton's own: a window of local times the clock skips that day (02:00–03:00 on the day clocks
 * spring forward) does not open that day, and a repeated hour is inside twice.
 */
public record DeploymentWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
  /** How far ahead an opening is looked for: two weeks hold every weekday twice. */
  private static final Duration SEARCH = Duration.ofDays(15);

  public DeploymentWindow {
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a window needs at least one day");
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("a window's from and to are both " + from);
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  /** Crosses midnight: opens on one of its days and closes on the next. */
  public boolean crossesMidnight() {
    return to.isBefore(from);
  }

  /** True when the local clock of the zone at {@code t} reads a time inside the window. */
  public boolean contains(Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    LocalTime time = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (!crossesMidnight()) {
      return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
    }
    return (days.contains(day) && !time.isBefore(from))
        || (days.contains(day.minus(1)) && time.isBefore(to));
  }

  /**
   * The first instant at or after {@code t} inside the window. The window can only become open when
   * the clock reaches {@code from} on one of its days (each occurrence, twice in a repeated hour;
   * the transition itself when the clock skips over {@code from}) or when the zone's clock jumps
   * back into it; those instants are the candidates, checked in order.
   */
  public Optional<Instant> nextStart(Instant t) {
    if (contains(t)) {
      return Optional.of(t);
    }
    ZoneRules rules = zone.getRules();
    Instant horizon = t.plus(SEARCH);
    TreeSet<Instant> candidates = new TreeSet<>();
    LocalDate first = LocalDate.ofInstant(t, zone).minusDays(1);
    LocalDate last = LocalDate.ofInstant(horizon, zone);
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (days.contains(d.getDayOfWeek())) {
        LocalDateTime opens = d.atTime(from);
        var offsets = rules.getValidOffsets(opens);
        if (offsets.isEmpty()) {
          candidates.add(rules.getTransition(opens).getInstant());
        } else {
          offsets.forEach(o -> candidates.add(opens.toInstant(o)));
        }
      }
    }
    for (ZoneOffsetTransition tr = rules.nextTransition(t);
        tr != null && tr.getInstant().isBefore(horizon);
        tr = rules.nextTransition(tr.getInstant())) {
      candidates.add(tr.getInstant());
    }
    return candidates.tailSet(t, true).stream().filter(this::contains).findFirst();
  }

  /** "Mon–Thu 09:00–16:00 Europe/Berlin", as people read it. */
  public String describe() {
    return describeDays(days) + " " + from + "–" + to + " " + zone.getId();
  }

  /**
   * Parses {@code MON-THU}, {@code MON,WED,FRI}, {@code SAT-SUN} or a mix ({@code MON-WED,FRI}); a
   * range may wrap ({@code FRI-MON}). Case does not matter.
   *
   * @throws IllegalArgumentException naming the word that is not a day
   */
  public static Set<DayOfWeek> parseDays(List<String> parts) {
    EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (String part : parts) {
      for (String item : part.split(",")) {
        String[] range = item.strip().split("-", -1);
        if (range.length > 2) {
          throw new IllegalArgumentException("'" + item.strip() + "' is not a day or a range");
        }
        DayOfWeek start = day(range[0]);
        DayOfWeek end = range.length == 2 ? day(range[1]) : start;
        for (DayOfWeek d = start; ; d = d.plus(1)) {
          out.add(d);
          if (d == end) {
            break;
          }
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("names no day");
    }
    return out;
  }

  private static DayOfWeek day(String word) {
    String w = word.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (w.length() >= 3 && d.name().startsWith(w)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "'" + word.strip() + "' is not a day (MON, TUE, WED, THU, FRI, SAT, SUN)");
  }

  /** Runs of consecutive days (Monday first) as ranges: "Mon–Thu", "Mon, Wed, Fri". */
  static String describeDays(Set<DayOfWeek> days) {
    List<String> runs = new ArrayList<>();
    DayOfWeek[] all = DayOfWeek.values();
    int i = 0;
    while (i < all.length) {
      if (!days.contains(all[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < all.length && days.contains(all[j + 1])) {
        j++;
      }
      runs.add(j == i ? name(all[i]) : name(all[i]) + "–" + name(all[j]));
      i = j + 1;
    }
    return String.join(", ", runs);
  }

  private static String name(DayOfWeek d) {
    return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }
}
