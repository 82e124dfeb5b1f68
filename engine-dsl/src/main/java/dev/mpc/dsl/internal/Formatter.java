package dev.mpc.dsl.internal;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Renders an AST in each syntax so that parsing the text gives back the same AST (same canonical
 * JSON and hash). Properties and definitions keep their order; source maps are not rendered.
 * Stateless and thread-safe.
 */
public final class Formatter {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
  private static final String INDENT = "  ";

  private Formatter() {}

  // ---- DSL ---------------------------------------------------------------------------------

  /** The DSL text of {@code ast}. */
  public static String dsl(ManifestAst ast) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("@schema ").append(ast.schemaVersion()).append('\n');
    sb.append("@namespace ");
    Strings.quote(ast.namespace(), sb);
    sb.append("\n@name ");
    Strings.quote(ast.name(), sb);
    sb.append("\n@version ");
    Strings.quote(ast.manifestVersion(), sb);
    sb.append('\n');
    for (AstNode d : ast.defs()) {
      sb.append('\n');
      dslNode(d, sb, 0);
    }
    return sb.toString();
  }

  private static void dslNode(AstNode n, StringBuilder sb, int depth) {
    indent(sb, depth);
    sb.append("def ");
    dslName(n.kind(), sb);
    sb.append(' ');
    dslName(n.id(), sb);
    n.name().ifPresent(name -> {
      sb.append(' ');
      Strings.quote(name, sb);
    });
    if (n.properties().isEmpty() && n.children().isEmpty()) {
      sb.append(" {}\n");
      return;
    }
    sb.append(" {\n");
    for (Map.Entry<String, JsonValue> e : n.properties().members().entrySet()) {
      indent(sb, depth + 1);
      dslName(e.getKey(), sb);
      sb.append(": ");
      dslValue(e.getValue(), sb);
      sb.append('\n');
    }
    for (AstNode c : n.children()) {
      dslNode(c, sb, depth + 1);
    }
    indent(sb, depth);
    sb.append("}\n");
  }

  private static void dslName(String s, StringBuilder sb) {
    if (!s.equals("def") && IDENT.matcher(s).matches()) {
      sb.append(s);
    } else {
      Strings.quote(s, sb);
    }
  }

  private static void dslValue(JsonValue v, StringBuilder sb) {
    if (v instanceof JsonArray a) {
      sb.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        dslValue(a.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof JsonObject o) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        dslName(e.getKey(), sb);
        sb.append(": ");
        dslValue(e.getValue(), sb);
      }
      sb.append('}');
    } else {
      scalar(v, sb);
    }
  }

  private static void scalar(JsonValue v, StringBuilder sb) {
    if (v instanceof JsonString s) {
      Strings.quote(s.value(), sb);
    } else if (v instanceof JsonInt i) {
      sb.append(i.value());
    } else if (v instanceof JsonFloat f) {
      sb.append(Canonical.formatDouble(f.value()));
    } else if (v instanceof JsonBool b) {
      sb.append(b.value());
    } else if (v instanceof JsonNull) {
      sb.append("null");
    } else {
      throw new IllegalStateException("not a scalar: " + v.type());
    }
  }

  // ---- JSON --------------------------------------------------------------------------------

  /** Indented JSON text of {@code ast} (members in AST order). */
  public static String json(ManifestAst ast) {
    StringBuilder sb = new StringBuilder(256);
    jsonValue(document(ast), sb, 0);
    sb.append('\n');
    return sb.toString();
  }

  /** The flat JSON/YAML document form of {@code ast}. */
  public static JsonObject document(ManifestAst ast) {
    List<JsonValue> defs = new ArrayList<>(ast.defs().size());
    for (AstNode d : ast.defs()) {
      defs.add(nodeDocument(d));
    }
    return JsonObject.builder()
        .put("schemaVersion", ast.schemaVersion())
        .put("namespace", ast.namespace())
        .put("name", ast.name())
        .put("manifestVersion", ast.manifestVersion())
        .put("defs", JsonArray.of(defs))
        .build();
  }

  private static JsonObject nodeDocument(AstNode n) {
    LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
    m.put("kind", JsonString.of(n.kind()));
    m.put("id", JsonString.of(n.id()));
    n.name().ifPresent(name -> m.put("name", JsonString.of(name)));
    m.putAll(n.properties().members());
    if (!n.children().isEmpty()) {
      List<JsonValue> children = new ArrayList<>(n.children().size());
      for (AstNode c : n.children()) {
        children.add(nodeDocument(c));
      }
      m.put("children", JsonArray.of(children));
    }
    return JsonObject.of(m);
  }

  private static void jsonValue(JsonValue v, StringBuilder sb, int depth) {
    if (v instanceof JsonArray a && !a.isEmpty()) {
      sb.append("[\n");
      for (int i = 0; i < a.size(); i++) {
        indent(sb, depth + 1);
        jsonValue(a.get(i), sb, depth + 1);
        sb.append(i + 1 < a.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append(']');
    } else if (v instanceof JsonObject o && !o.isEmpty()) {
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        indent(sb, depth + 1);
        Strings.quote(e.getKey(), sb);
        sb.append(": ");
        jsonValue(e.getValue(), sb, depth + 1);
        sb.append(++i < o.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append('}');
    } else if (v instanceof JsonArray) {
      sb.append("[]");
    } else if (v instanceof JsonObject) {
      sb.append("{}");
    } else {
      scalar(v, sb);
    }
  }

  // ---- YAML --------------------------------------------------------------------------------

  /** Block-style YAML 1.2 text of {@code ast}. */
  public static String yaml(ManifestAst ast) {
    DumpSettings settings = DumpSettings.builder()
        .setSchema(new CoreSchema())
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setSplitLines(false)
        .setIndent(2)
        .setDereferenceAliases(true)
        .build();
    String text = new Dump(settings, new QuotingRepresenter(settings)).dumpToString(plain(document(ast)));
    // The YAML front end refuses U+0085, U+2028, U+2029 raw (LineEnds); the emitter writes them
    // raw, and only ever inside the double-quoted scalars QuotingRepresenter asks for, where
    // a four-hex-digit \\u escape writes them (snakeyaml-engine 2.10 does not read YAML's \\N, \\L, \\P).
    if (text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) {
      text = text.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
    return text;
  }

  /**
   * Writes strings containing a line break double-quoted. snakeyaml-engine would write them as
   * literal block scalars, and for some (e.g. a string of only line breaks) it writes one its own
   * parser rejects; a double-quoted scalar always reads back as the same string.
   */
  private static final class QuotingRepresenter extends org.snakeyaml.engine.v2.representer.StandardRepresenter {
    QuotingRepresenter(DumpSettings settings) {
      super(settings);
      org.snakeyaml.engine.v2.api.RepresentToNode strings = representers.get(String.class);
      representers.put(String.class, data -> {
        String s = (String) data;
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\u0085') >= 0
            || s.indexOf('\u2028') >= 0 || s.indexOf('\u2029') >= 0) {
          return representScalar(org.snakeyaml.engine.v2.nodes.Tag.STR, s,
              org.snakeyaml.engine.v2.common.ScalarStyle.DOUBLE_QUOTED);
        }
        return strings.representData(data);
      });
    }
  }

  private static Object plain(JsonValue v) {
    if (v instanceof JsonObject o) {
      LinkedHashMap<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        m.put(e.getKey(), plain(e.getValue()));
      }
      return m;
    }
    if (v instanceof JsonArray a) {
      List<Object> l = new ArrayList<>(a.size());
      for (JsonValue item : a.items()) {
        l.add(plain(item));
      }
      return l;
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    if (v instanceof JsonInt i) {
      return i.value();
    }
    if (v instanceof JsonFloat f) {
      return f.value();
    }
    if (v instanceof JsonBool b) {
      return b.value();
    }
    return null;
  }

  private static void indent(StringBuilder sb, int depth) {
    for (int i = 0; i < depth; i++) {
      sb.append(INDENT);
    }
  }
}
