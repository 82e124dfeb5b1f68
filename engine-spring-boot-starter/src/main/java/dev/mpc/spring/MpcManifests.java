package dev.mpc.spring;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.MpcException;
import dev.mpc.diag.Result;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.dsl.compile.RegistryCompiler;
import dev.mpc.meta.DomainMeta;
import dev.mpc.preset.Preset;
import java.util.Objects;

/**
 * Compiles manifests the host's users upload (present when engine-dsl is on the classpath), with
 * the configured DomainMeta and preset. A manifest that does not compile is an
 * {@link MpcException} carrying every diagnostic with its line and column, which the starter
 * answers with {@code 422} Problem Details.
 *
 * <p>Thread-safe (the compiler is).
 */
public final class MpcManifests {
  private final RegistryCompiler compiler;

  /**
   * A compiler for {@code meta} under {@code preset}.
   *
   * @param meta the meta
   * @param preset the preset
   */
  public MpcManifests(DomainMeta meta, Preset preset) {
    this.compiler = RegistryCompiler.builder().meta(Objects.requireNonNull(meta, "meta"))
        .preset(Objects.requireNonNull(preset, "preset")).build();
  }

  /**
   * The result of compiling {@code text} ({@code syntax} null: detected from the text).
   *
   * @param text the text
   * @param syntax the syntax
   * @return the result of compiling {@code text} ({@code syntax} null
   */
  public Result<Artifact> compile(String text, Syntax syntax) {
    Objects.requireNonNull(text, "text");
    return Manifests.parseText(text, syntax == null ? Syntax.detect(text) : syntax).flatMap(compiler::compile);
  }

  /**
   * The artifact of {@code text}.
   *
   * @param text the text
   * @param syntax the syntax
   * @return the artifact of {@code text}
   * @throws MpcException carrying the diagnostics when it does not compile
   */
  public Artifact compileOrThrow(String text, Syntax syntax) {
    return compile(text, syntax).orElseThrow();
  }

  /**
   * The DomainMeta manifests are compiled against.
   *
   * @return the DomainMeta manifests are compiled against
   */
  public DomainMeta meta() {
    return compiler.meta();
  }
}
