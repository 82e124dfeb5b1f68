package dev.mpc.conformance.planted;

/** Planted violation: the fixture runner calling the CLI. */
public final class ReachesTheCli {
  private ReachesTheCli() {}

  /** Runs the command line from the fixture runner: forbidden. */
  public static void run() {
    dev.mpc.cli.Main.main(new String[] {"version"});
  }
}
