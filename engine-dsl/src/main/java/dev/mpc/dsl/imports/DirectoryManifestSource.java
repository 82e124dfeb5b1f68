package dev.mpc.dsl.imports;

import dev.mpc.dsl.Syntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link ManifestSource} that reads the manifest named {@code lib} from the file
 * {@code lib.mpc}, {@code lib.manifest}, {@code lib.yaml}, {@code lib.yml} or {@code lib.json} in one
 * directory (not its subdirectories). Meant for the CLI and for tests; servers usually supply
 * manifests from their own store.
 *
 * <p>Names are restricted to {@code [A-Za-z0-9_][A-Za-z0-9_.-]*} without {@code ..}, so an import
 * can never reach outside the directory; other names are simply not found. Two files for the same
 * name (say {@code lib.mpc} and {@code lib.yaml}) are ambiguous and reported, not guessed. Files
 * larger than {@code maxFileBytes} or not valid UTF-8 are reported. The entry carries no version,
 * so the manifest's own {@code manifestVersion} is its registered version.
 *
 * <p>Immutable and thread-safe; it reads the file system on every {@link #find}, so edits show up
 * in the next resolution.
 */
public final class DirectoryManifestSource implements ManifestSource {
  /** The default {@link #maxFileBytes()}: 40 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 40L << 20;

  /** The file extensions tried, in this order. */
  public static final List<String> EXTENSIONS = List.of(".mpc", ".manifest", ".yaml", ".yml", ".json");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private final Path directory;
  private final long maxFileBytes;

  /**
   * A source for {@code directory} with {@link #DEFAULT_MAX_FILE_BYTES}.
   *
   * @param directory the directory
   */
  public DirectoryManifestSource(Path directory) {
    this(directory, DEFAULT_MAX_FILE_BYTES);
  }

  /**
   * A source for {@code directory} refusing files over {@code maxFileBytes}.
   *
   * @param directory the directory
   * @param maxFileBytes the max file bytes
   * @throws IllegalArgumentException if {@code maxFileBytes} is not positive
   */
  public DirectoryManifestSource(Path directory, long maxFileBytes) {
    this.directory = Objects.requireNonNull(directory, "directory");
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
    }
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * The directory manifests are read from.
   *
   * @return the directory manifests are read from
   */
  public Path directory() {
    return directory;
  }

  /**
   * The largest file read, in bytes.
   *
   * @return the largest file read, in bytes
   */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /**
   * The manifest file for {@code name}, read as UTF-8.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalStateException if several files match, the file is too large or not UTF-8
   */
  @Override
  public Optional<ManifestEntry> find(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      return Optional.empty();
    }
    List<Path> found = new ArrayList<>();
    for (String ext : EXTENSIONS) {
      Path p = directory.resolve(name + ext);
      if (Files.isRegularFile(p)) {
        found.add(p);
      }
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (found.size() > 1) {
      throw new IllegalStateException("manifest name '" + name + "' is ambiguous: "
          + found.stream().map(p -> String.valueOf(p.getFileName())).toList());
    }
    Path file = found.get(0);
    try {
      long size = Files.size(file);
      if (size > maxFileBytes) {
        throw new IllegalStateException(file + " has " + size + " bytes, more than the limit of " + maxFileBytes);
      }
      byte[] bytes = Files.readAllBytes(file);
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new IllegalStateException(file + " is not valid UTF-8", e);
      }
      Optional<Syntax> syntax = Syntax.fromFileName(String.valueOf(file.getFileName()));
      return Optional.of(new ManifestEntry.Text(text, syntax, Optional.empty(), Optional.of(file.toString())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public String toString() {
    return "DirectoryManifestSource[" + directory + "]";
  }
}
