package dev.mpc.dsl;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.diag.SourceMap;
import dev.mpc.dsl.internal.JsonFrontend;
import dev.mpc.dsl.internal.PositionedTree;
import dev.mpc.dsl.internal.Problems;
import dev.mpc.dsl.internal.TreeBuilder;
import dev.mpc.dsl.internal.YamlFrontend;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a JSON or YAML document (any shape, not only a manifest) as values plus the source
 * position of every object and member, under the manifest front ends' limits and error codes
 * ({@code E_PARSE_SYNTAX} with position, limit errors). For tools that read their own files next
 * to manifests (test suites, configuration) and want to report problems at {@code file:line:col}.
 *
 * <p>Thread-safe (stateless); a {@link Document} is immutable.
 */
public final class Documents {
  private Documents() {}

  /**
   * A document and where its parts came from.
   */
  public static final class Document {
    private final JsonValue root;
    private final Map<JsonObject, TreeBuilder.ObjectInfo> positions;
    private final Optional<String> file;

    private Document(PositionedTree tree, Optional<String> file) {
      this.root = tree.root();
      this.positions = tree.positions();
      this.file = file;
    }

    /**
     * The top-level value.
     *
     * @return the root value
     */
    public JsonValue root() {
      return root;
    }

    /**
     * Where {@code object} starts (the object must be one of this document's, by identity).
     *
     * @param object an object of this document
     * @return its position, if known (empty objects have none)
     */
    public Optional<SourceMap> where(JsonObject object) {
      TreeBuilder.ObjectInfo i = positions.get(object);
      return i == null ? Optional.empty() : Optional.of(withFile(i.region()));
    }

    /**
     * Where member {@code key} of {@code object} is (its key), else where the object starts.
     *
     * @param object an object of this document
     * @param key the member
     * @return the position, if known
     */
    public Optional<SourceMap> where(JsonObject object, String key) {
      TreeBuilder.ObjectInfo i = positions.get(object);
      if (i == null) {
        return Optional.empty();
      }
      SourceMap m = i.members().get(key);
      return Optional.of(withFile(m == null ? i.region() : m));
    }

    private SourceMap withFile(SourceMap m) {
      return file.isPresent() && m.file().isEmpty() ? m.withFile(file.get()) : m;
    }
  }

  /**
   * Reads {@code text} (JSON when it starts with <code>{</code> or <code>[</code>, else YAML).
   *
   * @param text the document
   * @param file the file name for positions (may be null)
   * @return the document, or its syntax and limit errors
   */
  public static Result<Document> read(String text, String file) {
    Objects.requireNonNull(text, "text");
    ParseLimits limits = ParseLimits.defaults();
    Problems problems = new Problems(limits.maxErrors(), Optional.ofNullable(file));
    if (text.length() > limits.maxDocumentChars()) {
      return Result.failed(Diagnostic.of(Code.E_QUOTA_EXCEEDED, "document of " + text.length()
          + " chars exceeds the limit of " + limits.maxDocumentChars() + " chars", problems.at(1, 1)));
    }
    try {
      String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
      String lead = body.stripLeading();
      PositionedTree tree = lead.startsWith("{") || lead.startsWith("[")
          ? new JsonFrontend(limits).tree(body, problems)
          : new YamlFrontend(limits).tree(body, problems);
      if (problems.any() || tree == null || tree.root() == null) {
        return problems.any() ? Result.failed(problems.list())
            : Result.failed(Diagnostic.of(Code.E_META_MISSING_REQUIRED_FIELD, "the document is empty", problems.at(1, 1)));
      }
      return Result.ok(new Document(tree, Optional.ofNullable(file)));
    } catch (Problems.TooManyProblems | Problems.LimitExceeded stop) {
      return Result.failed(problems.list());
    }
  }
}
