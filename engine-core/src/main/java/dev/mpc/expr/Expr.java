package dev.mpc.expr;

import dev.mpc.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The expression IR: the single semantic model of MPC expressions. Both surface forms (the
 * textual syntax parsed by {@code engine-dsl} and the JSON IR decoded by {@link ExprJson}) produce
 * these nodes; the checker and compiler consume them.
 *
 * <p>Nodes compare by value (records); a source position, when known, lives beside the tree in a
 * {@link ParsedExpr}, never in it, so that the same expression from text and from JSON is equal.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Expr
    permits Expr.Lit, Expr.Ref, Expr.Call, Expr.Binary, Expr.Unary, Expr.Cond, Expr.ListOf, Expr.Index {

  /** The IR node kind name used by traces, e.g. {@code ExprLit}. */
  String kind();

  /**
   * A literal value: {@code {"lit": V}}.
   *
   * @param value any JSON value (arrays and objects included)
   */
  record Lit(JsonValue value) implements Expr {
    /** Creates a literal. */
    public Lit {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String kind() {
      return "ExprLit";
    }
  }

  /**
   * A variable reference by dotted path: {@code {"ref": "a.b.c"}}.
   *
   * @param path the dotted path, never empty
   */
  record Ref(String path) implements Expr {
    /** Creates a reference. */
    public Ref {
      Objects.requireNonNull(path, "path");
      if (path.isEmpty()) {
        throw new IllegalArgumentException("empty reference path");
      }
    }

    @Override
    public String kind() {
      return "ExprRef";
    }
  }

  /**
   * A function call: {@code {"fn": name, "args": [...]}}.
   *
   * @param name the function name
   * @param args the arguments, in order
   */
  record Call(String name, List<Expr> args) implements Expr {
    /** Creates a call. */
    public Call {
      Objects.requireNonNull(name, "name");
      args = List.copyOf(args);
    }

    @Override
    public String kind() {
      return "ExprCall";
    }
  }

  /**
   * A binary operation: {@code {"op": OP, "left": L, "right": R}}.
   *
   * @param op the operator
   * @param left the left operand
   * @param right the right operand
   */
  record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
    /** Creates a binary operation. */
    public Binary {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String kind() {
      return "ExprBinOp";
    }
  }

  /**
   * A unary operation: {@code {"not": X}} or {@code {"neg": X}}.
   *
   * @param op the operator
   * @param operand the operand
   */
  record Unary(UnaryOp op, Expr operand) implements Expr {
    /** Creates a unary operation. */
    public Unary {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public String kind() {
      return "ExprUnary";
    }
  }

  /**
   * A conditional: {@code {"if": C, "then": T, "else": E}}.
   *
   * @param test the condition (truthiness decides)
   * @param then the value when the test is truthy
   * @param otherwise the value otherwise
   */
  record Cond(Expr test, Expr then, Expr otherwise) implements Expr {
    /** Creates a conditional. */
    public Cond {
      Objects.requireNonNull(test, "test");
      Objects.requireNonNull(then, "then");
      Objects.requireNonNull(otherwise, "otherwise");
    }

    @Override
    public String kind() {
      return "ExprCond";
    }
  }

  /**
   * A list built from non-literal elements: {@code {"list": [...]}} (an MPC for the JVM
   * extension; a list of literals is a {@link Lit} holding an array).
   *
   * @param items the elements
   */
  record ListOf(List<Expr> items) implements Expr {
    /** Creates a list node. */
    public ListOf {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "ExprList";
    }
  }

  /**
   * Indexing {@code target[key]}: {@code {"index": {"target": T, "key": K}}} (an MPC for the JVM
   * extension). A list takes an int index (negative counts from the end), an object a string key;
   * a miss gives null.
   *
   * @param target the indexed value
   * @param key the index or key
   */
  record Index(Expr target, Expr key) implements Expr {
    /** Creates an index node. */
    public Index {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String kind() {
      return "ExprIndex";
    }
  }

  /** Binary operators of the IR. Immutable and thread-safe. */
  enum BinaryOp {
    /** Addition, or concatenation of two strings. */
    ADD("+"),
    /** Subtraction. */
    SUB("-"),
    /** Multiplication. */
    MUL("*"),
    /** True division (always a float). */
    DIV("/"),
    /** Floored modulo. */
    MOD("%"),
    /** Equality. */
    EQ("=="),
    /** Inequality. */
    NE("!="),
    /** Less than. */
    LT("<"),
    /** Greater than. */
    GT(">"),
    /** Less or equal. */
    LE("<="),
    /** Greater or equal. */
    GE(">="),
    /** Short-circuit logical and (boolean result). */
    AND("and"),
    /** Short-circuit logical or (boolean result). */
    OR("or"),
    /** Regex search of the right operand (pattern) in the left (text). */
    MATCHES("matches");

    private final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    /** The IR spelling, e.g. {@code +} or {@code and}. */
    public String symbol() {
      return symbol;
    }

    /** Whether this is one of {@code == != < > <= >=}. */
    public boolean isComparison() {
      return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }

    /** Whether this is one of {@code + - * / %}. */
    public boolean isArithmetic() {
      return ordinal() <= MOD.ordinal();
    }

    /** The operator spelled {@code symbol} in the IR. */
    public static Optional<BinaryOp> of(String symbol) {
      for (BinaryOp op : values()) {
        if (op.symbol.equals(symbol)) {
          return Optional.of(op);
        }
      }
      return Optional.empty();
    }
  }

  /** Unary operators of the IR. Immutable and thread-safe. */
  enum UnaryOp {
    /** Logical negation (boolean result). */
    NOT("not"),
    /** Arithmetic negation. */
    NEG("neg");

    private final String key;

    UnaryOp(String key) {
      this.key = key;
    }

    /** The JSON IR key, {@code not} or {@code neg}. */
    public String key() {
      return key;
    }
  }
}
