package dev.mpc.dsl.imports;

import dev.mpc.ast.ManifestAst;
import dev.mpc.dsl.Syntax;
import java.util.Objects;
import java.util.Optional;

/**
 * One importable manifest as a {@link ManifestSource} supplies it: either its text (parsed by the
 * resolver under its {@link dev.mpc.dsl.ParseLimits}) or an already parsed {@link ManifestAst}, plus
 * the version it is registered under.
 *
 * <p>The version is what import constraints are checked against. When absent, the default
 * resolver mode uses the manifest's own {@link ManifestAst#manifestVersion()}; upstream
 * compatibility mode uses {@code 0.0.0}, as upstream MPC does.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ManifestEntry permits ManifestEntry.Text, ManifestEntry.Parsed {

  /**
   * The registered version, if the source states one.
   *
   * @return the registered version, if the source states one
   */
  Optional<String> version();

  /**
   * Manifest text, syntax detected from the content, no registered version.
   *
   * @param text the text
   * @return the manifest entry
   */
  static ManifestEntry text(String text) {
    return new Text(text, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Manifest text, syntax detected from the content, registered as {@code version}.
   *
   * @param text the text
   * @param version the version
   * @return the manifest entry
   */
  static ManifestEntry text(String text, String version) {
    return new Text(text, Optional.empty(), Optional.of(version), Optional.empty());
  }

  /**
   * A parsed manifest, no registered version.
   *
   * @param ast the ast
   * @return a parsed manifest, no registered version
   */
  static ManifestEntry parsed(ManifestAst ast) {
    return new Parsed(ast, Optional.empty());
  }

  /**
   * A parsed manifest registered as {@code version}.
   *
   * @param ast the ast
   * @param version the version
   * @return a parsed manifest registered as {@code version}
   */
  static ManifestEntry parsed(ManifestAst ast, String version) {
    return new Parsed(ast, Optional.of(version));
  }

  /**
   * Manifest text.
   *
   * @param text the manifest text
   * @param syntax its syntax, if known (else detected from the content)
   * @param version the registered version, if stated
   * @param origin a name for source maps (e.g. a file path), if any
   */
  record Text(String text, Optional<Syntax> syntax, Optional<String> version, Optional<String> origin)
      implements ManifestEntry {
    /**
     * Creates a text entry.
     *
     * @param text the text
     * @param syntax the syntax
     * @param version the version
     * @param origin the origin
     */
    public Text {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(syntax, "syntax");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /**
   * A parsed manifest.
   *
   * @param ast the manifest
   * @param version the registered version, if stated
   */
  record Parsed(ManifestAst ast, Optional<String> version) implements ManifestEntry {
    /**
     * Creates a parsed entry.
     *
     * @param ast the ast
     * @param version the version
     */
    public Parsed {
      Objects.requireNonNull(ast, "ast");
      Objects.requireNonNull(version, "version");
    }
  }
}
