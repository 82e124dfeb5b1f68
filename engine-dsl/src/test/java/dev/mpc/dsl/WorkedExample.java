package dev.mpc.dsl;

import dev.mpc.meta.DomainMeta;
import java.util.List;

/** The worked example of pipeline.md §5.3 and §8.8, shared by tests. */
public final class WorkedExample {
  private WorkedExample() {}

  /** pipeline.md §5.3. */
  public static final String DSL = """
      // Order approval rules
      @schema 1
      @namespace "acme.orders"
      @name "order-rules"
      @version "1.2.0"

      def Policy allow_editors "AllowEditors" {
          effect: "allow"
          priority: 10
          match: { event: "order.update", roles: ["editor", "admin"] }
          condition: "len(actor.id) > 0"
          def Condition c1 {
              expr: "role == \\"editor\\""
          }
      }

      def Workflow approval "Approval Flow" {
          initial: "pending"
          states: ["pending", "approved", "rejected"]
          transitions: [
              {"from": "pending", "on": "approve", "to": "approved"},
              {"from": "pending", "on": "reject", "to": "rejected"}
          ]
      }

      def Entity customer {
          label: "Müşteri"
          maxLength: 50
          ratio: 0.25
          active: true
          note: null
      }
      """;

  /** pipeline.md §8.8. */
  public static final DomainMeta META = DomainMeta.builder()
      .kind("Policy", "effect").kind("Condition", "expr").kind("Workflow", "initial", "states", "transitions")
      .kind("Entity").allowedEvents("order.update").function("len", List.of("string|array"), "int", 2).build();
}
