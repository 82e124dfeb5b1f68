package dev.mpc.conformance.handlers;

import dev.mpc.conformance.CategoryHandler;
import dev.mpc.conformance.FixtureContext;
import dev.mpc.diag.Code;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Category {@code contracts} (conformance.md §3.4): validates the input against the contract
 * schema chosen by the case directory's name prefix ({@code decision}, {@code error},
 * {@code event}, {@code intent}, {@code trace}); {@code $ref}s resolve by schema file name.
 * Output {@code {"valid":true}} or the first error as
 * {@code {"error":{"code","message","severity":"error"}}}, its code classified by the failing
 * keyword: {@code required} → {@code E_META_MISSING_REQUIRED_FIELD}, {@code type} →
 * {@code E_META_TYPE_NOT_ALLOWED}, {@code additionalProperties} → {@code E_META_UNKNOWN_KIND},
 * anything else → {@code E_PARSE_SYNTAX}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContractsHandler implements CategoryHandler {
  private static final List<String[]> PREFIXES = List.of(
      new String[] {"decision", "decision.schema.json"},
      new String[] {"error", "error.schema.json"},
      new String[] {"event", "event_envelope.schema.json"},
      new String[] {"intent", "intent.schema.json"},
      new String[] {"trace", "trace.schema.json"});
  private static final Pattern SCHEMA_FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.json");

  @Override
  public String category() {
    return "contracts";
  }

  @Override
  public JsonValue run(FixtureContext context) {
    String schemaFile = null;
    for (String[] p : PREFIXES) {
      if (context.caseName().startsWith(p[0])) {
        schemaFile = p[1];
        break;
      }
    }
    if (schemaFile == null) {
      return error(Code.E_PARSE_SYNTAX, "Cannot determine schema for '" + context.caseName() + "'");
    }
    Optional<Path> dir = context.schemasDirectory();
    JsonSchemaValidator validator = new JsonSchemaValidator(name -> loadSchema(dir, name));
    JsonObject schema = loadSchema(dir, schemaFile);
    if (schema == null) {
      throw new IllegalStateException("contract schema '" + schemaFile + "' not found");
    }
    return validator.firstError(context.input(), schema)
        .map(e -> error(classify(e.keyword()), e.message()))
        .orElse(JsonObject.builder().put("valid", true).build());
  }

  private static Code classify(String keyword) {
    return switch (keyword) {
      case "required" -> Code.E_META_MISSING_REQUIRED_FIELD;
      case "type" -> Code.E_META_TYPE_NOT_ALLOWED;
      case "additionalProperties", "unevaluatedProperties" -> Code.E_META_UNKNOWN_KIND;
      default -> Code.E_PARSE_SYNTAX;
    };
  }

  private static JsonObject error(Code code, String message) {
    return JsonObject.builder().put("error", JsonObject.builder()
        .put("code", code.code()).put("message", message).put("severity", "error").build()).build();
  }

  /** A schema by file name from {@code dir}, or from the copies bundled in engine-core; null if absent. */
  static JsonObject loadSchema(Optional<Path> dir, String fileName) {
    if (!SCHEMA_FILE.matcher(fileName).matches()) {
      return null;
    }
    try {
      String text;
      if (dir.isPresent()) {
        Path p = dir.get().resolve(fileName);
        if (!Files.isRegularFile(p)) {
          return null;
        }
        text = Files.readString(p, StandardCharsets.UTF_8);
      } else {
        try (InputStream in = ContractsHandler.class.getClassLoader()
            .getResourceAsStream("dev/mpc/contract/schemas/" + fileName)) {
          if (in == null) {
            return null;
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return Json.parse(text).orElseThrow() instanceof JsonObject o ? o : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
