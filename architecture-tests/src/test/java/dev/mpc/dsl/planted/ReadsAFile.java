package dev.mpc.dsl.planted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Planted violation: an engine-dsl class outside the file-reading entry points that reads a file. */
public final class ReadsAFile {
  private ReadsAFile() {}

  /** Reads a file: forbidden outside the listed classes. */
  public static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}
