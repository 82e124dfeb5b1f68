package dev.mpc.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingsTest {

  /** {@code 2^blocks} distinct names that all have the same {@code String.hashCode()}. */
  private static List<String> collidingNames(int blocks) {
    List<String> names = new ArrayList<>();
    for (int bits = 0; bits < (1 << blocks); bits++) {
      StringBuilder sb = new StringBuilder();
      for (int b = 0; b < blocks; b++) {
        sb.append((bits >> b & 1) == 0 ? "Aa" : "BB");
      }
      names.add(sb.toString());
    }
    return names;
  }

  @Test
  void get_namesOfEveryKind_foundOrNull() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      m.put("v" + i, i);
    }
    m.put("", "empty");
    m.put("a.b", "dotted");
    Bindings b = Bindings.ofJava(m);
    for (int i = 0; i < 1000; i++) {
      assertEquals(JsonValue.of(i), b.get(new String("v" + i)));
    }
    assertEquals(JsonValue.of("empty"), b.get(""));
    assertEquals(JsonValue.of("dotted"), b.get("a.b"));
    assertNull(b.get("v1000"));
    assertNull(Bindings.empty().get("x"));
    assertEquals(List.copyOf(m.keySet()), List.copyOf(b.toJson().members().keySet()));
  }

  @Test
  void get_namesChosenToCollide_allFoundThroughTheFallback() {
    List<String> names = collidingNames(14);
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      members.put(names.get(i), JsonValue.of(i));
    }
    for (Bindings b : List.of(Bindings.of(JsonObject.of(members)), Bindings.ofJava(members))) {
      for (int i = 0; i < names.size(); i++) {
        assertEquals(JsonValue.of(i), b.get(names.get(i)));
      }
      assertNull(b.get("AaAa"));
    }
  }

  @Test
  void builder_keepsInsertionOrder() {
    Bindings b = Bindings.builder().putJava("z", 1).putJava("a", 2).putJava("m", 3).build();
    assertEquals(List.of("z", "a", "m"), List.copyOf(b.toJson().members().keySet()));
    assertEquals(JsonValue.of(2), b.get("a"));
  }
}
