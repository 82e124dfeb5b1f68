package dev.mpc.dsl.expr.internal;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.Expr;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonBool;
import dev.mpc.json.JsonFloat;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints IR as expression text with minimal parentheses, so that parsing the text gives back the
 * same IR (for every tree the parser produces). Stateless and thread-safe. Internal.
 */
public final class Printer {
  private static final Set<String> RESERVED = Set.of("if", "else", "and", "or", "not", "in", "matches",
      "true", "false", "null", "True", "False", "None");
  private static final Pattern IDENT = Pattern.compile("[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*");

  private Printer() {}

  private static final class NoText extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoText(String message) {
      super(message, null, false, false);
    }
  }

  /** The text of {@code e}, or {@code E_EXPR_PARSE} if a node has no textual form. */
  public static Result<String> print(Expr e) {
    try {
      StringBuilder sb = new StringBuilder();
      print(e, 1, sb);
      return Result.ok(sb.toString());
    } catch (NoText n) {
      return Result.failed(Diagnostic.of(Code.E_EXPR_PARSE, n.getMessage()));
    }
  }

  private static int prec(Expr e) {
    if (e instanceof Expr.Cond) {
      return 1;
    } else if (e instanceof Expr.Binary b) {
      switch (b.op()) {
        case OR:
          return 2;
        case AND:
          return 3;
        case ADD:
        case SUB:
          return 6;
        case MUL:
        case DIV:
        case MOD:
          return 7;
        default:
          return 5;
      }
    } else if (e instanceof Expr.Unary u) {
      return u.op() == Expr.UnaryOp.NOT ? 4 : 8;
    } else if (e instanceof Expr.Lit l && isNegative(l.value())) {
      return 8;
    }
    return 9;
  }

  private static boolean isNegative(JsonValue v) {
    return (v instanceof JsonInt i && i.value().signum() < 0)
        || (v instanceof JsonFloat f && (f.value() < 0 || (f.value() == 0.0 && 1 / f.value() < 0)));
  }

  private static void print(Expr e, int min, StringBuilder sb) {
    boolean parens = prec(e) < min;
    if (parens) {
      sb.append('(');
    }
    if (e instanceof Expr.Cond c) {
      print(c.then(), 2, sb);
      sb.append(" if ");
      print(c.test(), 2, sb);
      sb.append(" else ");
      print(c.otherwise(), 1, sb);
    } else if (e instanceof Expr.Binary b) {
      int p = prec(e);
      boolean cmp = p == 5;
      print(b.left(), cmp ? 6 : p, sb);
      sb.append(' ').append(b.op().symbol()).append(' ');
      print(b.right(), cmp ? 6 : p + 1, sb);
    } else if (e instanceof Expr.Unary u) {
      if (u.op() == Expr.UnaryOp.NOT) {
        sb.append("not ");
        print(u.operand(), 4, sb);
      } else {
        sb.append('-');
        print(u.operand(), 8, sb);
      }
    } else if (e instanceof Expr.Call c) {
      if (!IDENT.matcher(c.name()).matches() || RESERVED.contains(c.name())) {
        throw new NoText("function name '" + c.name() + "' has no textual form");
      }
      sb.append(c.name()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        print(c.args().get(i), 1, sb);
      }
      sb.append(')');
    } else if (e instanceof Expr.Ref r) {
      String[] segs = r.path().split("\\.", -1);
      for (int i = 0; i < segs.length; i++) {
        if (!IDENT.matcher(segs[i]).matches() || (i == 0 && RESERVED.contains(segs[i]))) {
          throw new NoText("variable '" + r.path() + "' has no textual form");
        }
      }
      sb.append(r.path());
    } else if (e instanceof Expr.Lit l) {
      literal(l.value(), sb);
    } else if (e instanceof Expr.ListOf l) {
      sb.append('[');
      for (int i = 0; i < l.items().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        print(l.items().get(i), 1, sb);
      }
      sb.append(']');
    } else {
      Expr.Index ix = (Expr.Index) e;
      print(ix.target(), 9, sb);
      sb.append('[');
      print(ix.key(), 1, sb);
      sb.append(']');
    }
    if (parens) {
      sb.append(')');
    }
  }

  private static void literal(JsonValue v, StringBuilder sb) {
    if (v instanceof JsonNull) {
      sb.append("null");
    } else if (v instanceof JsonBool b) {
      sb.append(b.value());
    } else if (v instanceof JsonInt i) {
      sb.append(i.value());
    } else if (v instanceof JsonFloat f) {
      sb.append(Canonical.formatDouble(f.value()));
    } else if (v instanceof JsonString s) {
      quote(s.value(), sb);
    } else if (v instanceof JsonArray a) {
      sb.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        literal(a.get(i), sb);
      }
      sb.append(']');
    } else {
      throw new NoText("object literals have no textual form");
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\': sb.append("\\\\"); break;
        case '\'': sb.append("\\'"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('\'');
  }
}
