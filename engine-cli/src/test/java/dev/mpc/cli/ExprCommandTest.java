package dev.mpc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExprCommandTest {
  @TempDir
  Path dir;

  private String run(int expectedExit, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir);
    assertEquals(expectedExit, new ExprCommand().run(List.of(args), io));
    return out.toString(StandardCharsets.UTF_8).trim();
  }

  @Test
  void eval_withVarsFile_printsTypeAndValue() throws Exception {
    Files.writeString(dir.resolve("vars.json"), "{\"name\":\"Alice\",\"role\":\"editor\"}");
    assertEquals("{\"type\":\"bool\",\"value\":true}",
        run(0, "len(name) > 3 and role == 'editor'", "--vars", "vars.json"));
  }

  @Test
  void eval_syntaxError_printsErrorsWithPositionAndExitsOne() throws Exception {
    assertEquals("{\"errors\":[{\"code\":\"E_EXPR_PARSE\",\"col\":3,\"line\":1,"
        + "\"message\":\"Syntax error at 1:3: unexpected character '&'\",\"severity\":\"error\"}]}", run(1, "a & b"));
  }

  @Test
  void eval_runtimeError_printsCodedError() throws Exception {
    assertEquals("{\"errors\":[{\"code\":\"E_EXPR_DIV_BY_ZERO\",\"message\":\"Division by zero\",\"severity\":\"error\"}]}",
        run(1, "1 / 0"));
  }

  @Test
  void eval_noExpression_usageError() {
    assertThrows(UsageException.class, () -> run(2));
  }
}
