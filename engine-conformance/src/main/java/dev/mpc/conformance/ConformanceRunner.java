package dev.mpc.conformance;

import dev.mpc.diag.Result;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonLimits;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs conformance fixtures from any directory laid out as {@code <category>/<case>/} with
 * {@code input.json}, {@code expected.json} and {@code meta.json} (conformance.md §1).
 *
 * <p>Per fixture: find the category's {@link CategoryHandler} (none: {@link FixtureStatus#NOT_IMPLEMENTED},
 * counted as failed); load the three files; resolve the preset named by {@code meta.preset}
 * (default {@code preset-generic-full}) and merge its {@code defaultLimits} with
 * {@code meta.limits}; fix the clock at {@code meta.clock}; run the handler; reject unregistered
 * codes and intent kinds anywhere in the output ({@link RegistryCheck}); and pass iff the
 * canonical JSON of the output equals that of {@code expected.json} byte for byte. A mismatch is
 * explained by a {@link JsonDiff}.
 *
 * <p>Presets and contract schemas come from the directories given to the builder, else from the
 * copies bundled in engine-core.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConformanceRunner {
  private static final String DEFAULT_PRESET = "preset-generic-full";
  private static final Pattern PRESET_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final JsonLimits FIXTURE_LIMITS = JsonLimits.defaults();

  private final Map<String, CategoryHandler> handlers;
  private final Optional<Path> presetsDirectory;
  private final Optional<Path> schemasDirectory;

  private ConformanceRunner(Builder b) {
    this.handlers = Map.copyOf(b.handlers);
    this.presetsDirectory = Optional.ofNullable(b.presetsDirectory);
    this.schemasDirectory = Optional.ofNullable(b.schemasDirectory);
  }

  /**
   * A builder with MPC's standard handlers. Not thread-safe; confine to one thread, then call {@code build()}.
   *
   * @return a builder with MPC's standard handlers
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The categories this runner implements, sorted.
   *
   * @return the categories this runner implements, sorted
   */
  public List<String> categories() {
    return handlers.keySet().stream().sorted(Canonical.CODE_POINT_ORDER).toList();
  }

  /**
   * The fixtures under {@code directory}, which may be a fixtures root (categories below it), one
   * category directory, or one fixture directory. A fixture is a directory holding at least one of
   * {@code input.json}, {@code expected.json}, {@code meta.json} (one missing the others fails with a
   * load error when run); other directories and all plain files are not fixtures and are skipped.
   * Sorted by category, then case (code point order). An empty list means no fixture was found:
   * callers must treat that as a failure ({@link RunSummary#succeeded()}), not as a pass.
   *
   * @param directory the directory
   * @return the fixtures under {@code directory}, which may be a fixtures root (categories below it), one category
   *     directory, or one fixture directory
   * @throws IOException if the directory cannot be listed
   * @throws IllegalArgumentException if it is not a directory
   */
  public static List<Fixture> discover(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("not a directory: " + directory);
    }
    Path dir = directory.toAbsolutePath().normalize();
    if (isFixtureDirectory(dir)) {
      return List.of(new Fixture(name(dir.getParent()), name(dir), dir));
    }
    List<Path> subdirs = subdirectories(dir);
    boolean isCategory = subdirs.stream().anyMatch(ConformanceRunner::isFixtureDirectory);
    List<Fixture> out = new ArrayList<>();
    if (isCategory) {
      for (Path c : subdirs) {
        if (isFixtureDirectory(c)) {
          out.add(new Fixture(name(dir), name(c), c));
        }
      }
      return out;
    }
    for (Path category : subdirs) {
      for (Path c : subdirectories(category)) {
        if (isFixtureDirectory(c)) {
          out.add(new Fixture(name(category), name(c), c));
        }
      }
    }
    return out;
  }

  private static boolean isFixtureDirectory(Path dir) {
    return Files.exists(dir.resolve("input.json")) || Files.exists(dir.resolve("expected.json"))
        || Files.exists(dir.resolve("meta.json"));
  }

  private static String name(Path p) {
    Path n = p == null ? null : p.getFileName();
    return n == null ? "" : n.toString();
  }

  private static List<Path> subdirectories(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .sorted(Comparator.comparing(ConformanceRunner::name, Canonical.CODE_POINT_ORDER))
          .toList();
    }
  }

  /**
   * Runs every fixture under each directory, in order (an empty summary if there is none: not a success).
   *
   * @param directories the directories
   * @return the run summary
   * @throws IOException when reading or writing fails
   */
  public RunSummary run(List<Path> directories) throws IOException {
    List<FixtureResult> results = new ArrayList<>();
    for (Path d : directories) {
      for (Fixture f : discover(d)) {
        results.add(run(f));
      }
    }
    return new RunSummary(results);
  }

  /**
   * Runs one fixture. Never throws: every problem becomes a failed result with details.
   *
   * @param fixture the fixture
   * @return the fixture result
   */
  public FixtureResult run(Fixture fixture) {
    CategoryHandler handler = handlers.get(fixture.category());
    if (handler == null) {
      return new FixtureResult(fixture, FixtureStatus.NOT_IMPLEMENTED,
          List.of("Category '" + fixture.category() + "' not yet implemented"));
    }
    JsonValue input;
    JsonValue expected;
    JsonValue metaValue;
    try {
      input = load(fixture.directory().resolve("input.json"));
      expected = load(fixture.directory().resolve("expected.json"));
      metaValue = load(fixture.directory().resolve("meta.json"));
    } catch (LoadException e) {
      return fail(fixture, "Load error: " + e.getMessage());
    }
    if (!(metaValue instanceof JsonObject meta)) {
      return fail(fixture, "Load error: meta.json must be a JSON object");
    }
    String presetName = DEFAULT_PRESET;
    JsonValue presetValue = meta.getOrNull("preset");
    if (presetValue instanceof JsonString s) {
      presetName = s.value();
    } else if (presetValue != null && !presetValue.isNull()) {
      return fail(fixture, "VIOLATION: meta.preset must be a string");
    }
    Optional<JsonObject> preset = loadPreset(presetName);
    if (preset.isEmpty()) {
      return fail(fixture, "VIOLATION: Preset '" + presetName + "' not found");
    }
    JsonObject limits = mergeLimits(preset.get(), meta);
    Optional<String> clockText = meta.getOrNull("clock") instanceof JsonString c ? Optional.of(c.value()) : Optional.empty();
    FixtureContext context = new FixtureContext(fixture.category(), fixture.caseName(), fixture.directory(),
        input, meta, preset.get(), limits, fixedClock(clockText), clockText, schemasDirectory);

    JsonValue output;
    try {
      output = Objects.requireNonNull(handler.run(context), "handler returned no output");
    } catch (Exception | StackOverflowError e) {
      return fail(fixture, "Handler error: " + describe(e));
    }
    List<String> details = new ArrayList<>();
    for (String v : RegistryCheck.violations(output)) {
      details.add("VIOLATION: " + v);
    }
    String actualText;
    String expectedText;
    try {
      actualText = Canonical.json(output);
      expectedText = Canonical.json(expected);
    } catch (IllegalArgumentException e) {
      return fail(fixture, "Output not canonicalizable: " + e.getMessage());
    }
    if (!actualText.equals(expectedText)) {
      details.addAll(JsonDiff.diff(expected, output));
    }
    return new FixtureResult(fixture, details.isEmpty() ? FixtureStatus.PASS : FixtureStatus.FAIL, details);
  }

  private static FixtureResult fail(Fixture fixture, String detail) {
    return new FixtureResult(fixture, FixtureStatus.FAIL, List.of(detail));
  }

  /**
   * A handler's failure in words a fixture author acts on. Handlers signal a fixture they cannot
   * run with {@link IllegalArgumentException} (its message says what is wrong); a wrong JSON type
   * or a missing member met while reading the input, and input nested too deeply, are named as
   * such; anything else is a handler bug, reported as internal with its type so it can be found.
   */
  static String describe(Throwable e) {
    String m = e.getMessage();
    if (e instanceof IllegalArgumentException && m != null && !m.isBlank()) {
      return m;
    }
    if (e instanceof dev.mpc.diag.MpcException && m != null && !m.isBlank()) {
      // a Result's orElseThrow on input the category's parser refused: its coded diagnostics
      return "input.json is not valid for this category: " + m;
    }
    if (e instanceof ClassCastException) {
      return "a member of input.json has the wrong JSON type for this category";
    }
    if (e instanceof NullPointerException) {
      return "a member this category needs is missing from input.json";
    }
    if (e instanceof StackOverflowError) {
      return "input.json is nested too deeply for this category";
    }
    return "internal failure in the handler (" + e.getClass().getSimpleName() + (m == null ? "" : ": " + m) + ")";
  }

  private static JsonObject mergeLimits(JsonObject preset, JsonObject meta) {
    Map<String, JsonValue> merged = new LinkedHashMap<>();
    if (preset.getOrNull("defaultLimits") instanceof JsonObject d) {
      merged.putAll(d.members());
    }
    if (meta.getOrNull("limits") instanceof JsonObject l) {
      merged.putAll(l.members());
    }
    return JsonObject.of(merged);
  }

  /**
   * A clock fixed at {@code text} (an ISO-8601 date-time with offset), or at the epoch in UTC when
   * there is no parsable clock (e.g. upstream's {@code system-utc}): fixtures never see wall time.
   */
  static Clock fixedClock(Optional<String> text) {
    if (text.isPresent()) {
      try {
        OffsetDateTime t = OffsetDateTime.parse(text.get());
        return Clock.fixed(t.toInstant(), t.getOffset());
      } catch (DateTimeParseException e) {
        // fall through: not a timestamp
      }
    }
    return Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
  }

  private Optional<JsonObject> loadPreset(String name) {
    if (!PRESET_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    try {
      if (presetsDirectory.isPresent()) {
        Path p = presetsDirectory.get().resolve(name + ".json");
        return Files.isRegularFile(p) && load(p) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
      }
      try (InputStream in = ConformanceRunner.class.getClassLoader()
          .getResourceAsStream("dev/mpc/preset/" + name + ".json")) {
        if (in == null) {
          return Optional.empty();
        }
        Result<JsonValue> r = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        return r.value().filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
      }
    } catch (IOException | LoadException e) {
      return Optional.empty();
    }
  }

  private static JsonValue load(Path file) throws LoadException {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new LoadException(file.getFileName() + ": not valid UTF-8");
    } catch (IOException e) {
      throw new LoadException(file.getFileName() + ": cannot read (" + (e instanceof java.nio.file.NoSuchFileException
          ? "no such file" : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e.getMessage() == null ? "I/O error" : e.getMessage()) + ")");
    }
    Result<JsonValue> r = Json.parse(text, FIXTURE_LIMITS);
    if (r instanceof Result.Ok<JsonValue> ok) {
      return ok.get();
    }
    throw new LoadException(file.getFileName() + ": " + r.diagnostics().get(0).message());
  }

  /** A fixture file that cannot be loaded. */
  private static final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    LoadException(String message) {
      super(message);
    }
  }

  /** Builds a {@link ConformanceRunner}. Not thread-safe; confine to one thread, then call {@code build()}. */
  public static final class Builder {
    private final Map<String, CategoryHandler> handlers = new HashMap<>();
    private Path presetsDirectory;
    private Path schemasDirectory;

    private Builder() {
      for (CategoryHandler h : Handlers.standard()) {
        handlers.put(h.category(), h);
      }
    }

    /**
     * Adds or replaces the handler for its category.
     *
     * @param handler the handler
     * @return the builder
     */
    public Builder handler(CategoryHandler handler) {
      handlers.put(Objects.requireNonNull(handler.category(), "category"), handler);
      return this;
    }

    /**
     * Reads presets ({@code <name>.json}) from this directory instead of the bundled copies.
     *
     * @param directory the directory
     * @return the builder
     * @throws IllegalArgumentException if it is not a directory
     */
    public Builder presetsDirectory(Path directory) {
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("presets directory does not exist: " + directory);
      }
      this.presetsDirectory = directory;
      return this;
    }

    /**
     * Reads contract schemas ({@code *.schema.json}) from this directory instead of the bundled copies.
     *
     * @param directory the directory
     * @return the builder
     * @throws IllegalArgumentException if it is not a directory
     */
    public Builder schemasDirectory(Path directory) {
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("schemas directory does not exist: " + directory);
      }
      this.schemasDirectory = directory;
      return this;
    }

    /**
     * The runner.
     *
     * @return the runner
     */
    public ConformanceRunner build() {
      return new ConformanceRunner(this);
    }
  }
}
