package dev.mpc.engine.planted;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Allowed: time read from an injected clock, the system clock chosen only as a builder's default.
 */
public final class InjectedTime {
  private final Clock clock;

  private InjectedTime(Clock clock) {
    this.clock = clock;
  }

  /** The instant of the injected clock. */
  public Instant now() {
    return Instant.now(clock);
  }

  /** Builds an {@link InjectedTime}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();

    /** Sets the clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds. */
    public InjectedTime build() {
      return new InjectedTime(clock);
    }
  }
}
