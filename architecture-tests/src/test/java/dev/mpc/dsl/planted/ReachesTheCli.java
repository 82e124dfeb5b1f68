package dev.mpc.dsl.planted;

/** Planted violation: an engine-dsl class that calls the CLI. */
public final class ReachesTheCli {
  private ReachesTheCli() {}

  /** Runs the command line from the compiler: forbidden. */
  public static void run() {
    dev.mpc.cli.Main.main(new String[] {"version"});
  }
}
