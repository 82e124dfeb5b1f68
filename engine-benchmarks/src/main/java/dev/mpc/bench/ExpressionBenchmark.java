package dev.mpc.bench;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.mpc.dsl.expr.Expressions;
import dev.mpc.expr.Bindings;
import dev.mpc.expr.CompiledExpression;
import dev.mpc.expr.Limits;
import dev.mpc.expr.TypeEnv;
import dev.mpc.diag.Result;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same ten expressions over the same inputs in MPC (closure-compiled, budgets on), Google's
 * cel-java standard runtime, and a hand-written Java floor. Run:
 * {@code java -jar engine-benchmarks/target/benchmarks.jar ExpressionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ExpressionBenchmark {

  /** Expression id, MPC text, CEL text. */
  static final String[][] CASES = {
      {"e01_lenAndRole", "len(name) > 3 and role == 'editor'", "size(name) > 3 && role == 'editor'"},
      {"e02_intCompare", "age >= 18", "age >= 18"},
      {"e03_boolLogic", "flag1 and flag2 or not flag3", "flag1 && flag2 || !flag3"},
      {"e04_startsWith", "startsWith(name, 'Al')", "name.startsWith('Al')"},
      {"e05_endsAndContains", "endsWith(email, '@example.com') and contains(email, 'alice')",
          "email.endsWith('@example.com') && email.contains('alice')"},
      {"e06_arithmetic", "price * qty - discount > 100", "price * qty - discount > 100"},
      {"e07_arithMod", "(x + y) * 2 % 7 == 0", "(x + y) * 2 % 7 == 0"},
      {"e08_membership", "'admin' in roles", "'admin' in roles"},
      {"e09_regex", "regex(email, '^[a-z]+@')", "email.matches('^[a-z]+@')"},
      {"e10_conditional", "'big' if x > 5 else 'small'", "x > 5 ? 'big' : 'small'"},
  };

  @Param({"e01_lenAndRole", "e02_intCompare", "e03_boolLogic", "e04_startsWith", "e05_endsAndContains",
      "e06_arithmetic", "e07_arithMod", "e08_membership", "e09_regex", "e10_conditional"})
  public String expr;

  Map<String, Object> vars;
  Bindings bindings;
  CompiledExpression mpc;
  CelRuntime.Program cel;
  int index;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    vars = Map.of("name", "Alice", "role", "editor", "age", 30L, "flag1", true, "flag2", false, "flag3", false,
        "email", "alice@example.com", "price", 20L, "qty", 7L, "discount", 5L);
    vars = new java.util.HashMap<>(vars);
    vars.put("x", 3L);
    vars.put("y", 4L);
    vars.put("roles", List.of("viewer", "admin"));
    bindings = Bindings.ofJava(vars);
    for (int i = 0; i < CASES.length; i++) {
      if (CASES[i][0].equals(expr)) {
        index = i;
      }
    }
    mpc = Expressions.compile(CASES[index][1], TypeEnv.empty(), Limits.defaults()).orElseThrow();
    CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .addVar("name", SimpleType.STRING).addVar("role", SimpleType.STRING).addVar("email", SimpleType.STRING)
        .addVar("age", SimpleType.INT).addVar("price", SimpleType.INT).addVar("qty", SimpleType.INT)
        .addVar("discount", SimpleType.INT).addVar("x", SimpleType.INT).addVar("y", SimpleType.INT)
        .addVar("flag1", SimpleType.BOOL).addVar("flag2", SimpleType.BOOL).addVar("flag3", SimpleType.BOOL)
        .addVar("roles", ListType.create(SimpleType.STRING))
        .build();
    CelAbstractSyntaxTree ast = compiler.compile(CASES[index][2]).getAst();
    cel = CelRuntimeFactory.standardCelRuntimeBuilder().build().createProgram(ast);
    Object mine = mpc.evaluate(bindings).orElseThrow();
    Object theirs = cel.eval(vars);
    Object floor = hand();
    if (!String.valueOf(theirs).equals(String.valueOf(floor)) || !mine.toString().replace("\"", "")
        .equals(String.valueOf(floor))) {
      throw new IllegalStateException(expr + ": mpc=" + mine + " cel=" + theirs + " hand=" + floor);
    }
  }

  /** MPC, boolean results through {@code test} (no allocation), others through {@code evaluate}. */
  @Benchmark
  public Object mpc() {
    if (index == 9) {
      return mpc.evaluate(bindings);
    }
    Result<Boolean> r = mpc.test(bindings);
    return r;
  }

  /** cel-java's standard runtime. */
  @Benchmark
  public Object cel() throws Exception {
    return cel.eval(vars);
  }

  private static final com.google.re2j.Pattern EMAIL = com.google.re2j.Pattern.compile("^[a-z]+@");

  /** Hand-written Java over the same map: the floor. */
  @Benchmark
  public Object hand() {
    Map<String, Object> v = vars;
    switch (index) {
      case 0: {
        String name = (String) v.get("name");
        return name.codePointCount(0, name.length()) > 3 && "editor".equals(v.get("role"));
      }
      case 1:
        return (Long) v.get("age") >= 18;
      case 2:
        return (Boolean) v.get("flag1") && (Boolean) v.get("flag2") || !(Boolean) v.get("flag3");
      case 3:
        return ((String) v.get("name")).startsWith("Al");
      case 4: {
        String email = (String) v.get("email");
        return email.endsWith("@example.com") && email.contains("alice");
      }
      case 5:
        return Math.subtractExact(Math.multiplyExact((Long) v.get("price"), (Long) v.get("qty")),
            (Long) v.get("discount")) > 100;
      case 6:
        return Math.floorMod(Math.multiplyExact(Math.addExact((Long) v.get("x"), (Long) v.get("y")), 2L), 7L) == 0;
      case 7:
        return ((List<?>) v.get("roles")).contains("admin");
      case 8:
        return EMAIL.matcher((String) v.get("email")).find();
      default:
        return (Long) v.get("x") > 5 ? "big" : "small";
    }
  }
}
