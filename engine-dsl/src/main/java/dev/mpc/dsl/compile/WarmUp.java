package dev.mpc.dsl.compile;

import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Result;
import dev.mpc.dsl.ManifestParser;
import dev.mpc.dsl.Manifests;
import dev.mpc.dsl.Syntax;
import dev.mpc.meta.DomainMeta;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time work of the compile pipeline, done once per JVM when the first warming
 * {@link RegistryCompiler} is built instead of inside the first upload: a built-in sample manifest
 * (every engine kind: policies with match expressions, conditions and intents, roles, ACL rules
 * with conditions and masks, a statechart workflow with guards and roles, an entity) is parsed as
 * DSL, YAML and JSON and compiled twice. That loads and links the classes of the front ends, the
 * validator, the expression checker and the artifact writer, runs their static initialisation
 * (grammars, engine schemas, function tables) and fills the grammars' shared prediction caches.
 * It has no observable effect: nothing is cached, nothing is logged above debug, and a failure
 * (there should be none) is ignored and only makes the first real compile slower.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  private static final AtomicBoolean DONE = new AtomicBoolean();

  static final String SAMPLE = """
      @schema 1
      @namespace "mpc.warmup"
      @name "warm-up"
      @version "1.0.0"

      def Role viewer { inherits: [] }
      def Role editor { inherits: ["viewer"] }

      def Policy deny_suspended "DenySuspended" {
          effect: "deny"
          priority: 100
          match: { expr: "actor.claims.suspended == true and len(actor.roles) >= 0" }
          intents: [{kind: "audit", target: "order", params: {action: "blocked", actor: "suspended"}, idempotencyKey: "deny-1"}]
      }

      def Policy allow_update "AllowUpdate" {
          effect: "allow"
          priority: 10
          match: { event: "order.update", roles: ["editor"] }
          condition: "len(actor.id) > 0 and object.attributes.total < 1000.5 or 'x' in ['x', 'y']"
          def Condition c1 { expr: "role == \\"editor\\"" }
      }

      def ACL viewers_read { action: "read", resource: "order", roles: ["viewer"], maskFields: ["card"] }
      def ACL owner_update { action: "update", resource: "order", condition: { expr: "resource.attributes.ownerId == actor.id" } }

      def Workflow approval "Approval" {
          initial: "draft"
          states: ["draft", {name: "submitted", history: "shallow"}, {name: "triage", parent: "submitted", initial: true},
              {name: "approved", final: true}, {name: "rejected", final: true}]
          transitions: [
              {from: "draft", on: "submit", to: "submitted", guard: "len(actor.id) > 0", actions: ["lock"]},
              {from: "triage", on: "approve", to: "approved", roles: ["editor"], named_guard: "budgetOk"},
              {from: "submitted", on: "expire", to: "rejected", timeout_ms: 86400000}
          ]
      }

      def Entity customer { label: "Müşteri", maxLength: 50, ratio: 0.25, active: true, note: null }
      """;

  private WarmUp() {}

  /** Runs the warm-up unless it has run in this JVM. */
  static void once() {
    if (!DONE.compareAndSet(false, true)) {
      return;
    }
    try {
      DomainMeta meta = DomainMeta.builder().kind("Role").kind("Policy", "effect").kind("Condition", "expr")
          .kind("ACL", "action", "resource").kind("Workflow", "initial", "states", "transitions").kind("Entity")
          .allowedEvents("order.update").function("len", List.of("string|array"), "int", 2).build();
      ManifestParser parser = ManifestParser.standard();
      ManifestAst ast = parser.parseText(SAMPLE, Syntax.DSL, "warm-up.mpc").orElseThrow();
      for (Syntax s : List.of(Syntax.YAML, Syntax.JSON)) {
        parser.parseText(Manifests.format(ast, s), s, "warm-up").orElseThrow();
      }
      RegistryCompiler compiler = RegistryCompiler.builder().meta(meta).warmUp(false).cacheMaximumWeight(0)
          .identityCacheDefinitions(0).build();
      for (int i = 0; i < 2; i++) {
        Result<?> r = compiler.compile(ast);
        if (!r.isOk()) {
          LOG.debug("warm-up sample did not compile: {}", r.diagnostics());
          return;
        }
        r.orElseThrow();
      }
      LOG.debug("compile pipeline warmed up"); // engines read no timer: the cost is in BENCHMARKS.md
    } catch (RuntimeException e) {
      LOG.debug("warm-up failed; the first compile pays for it instead", e);
    }
  }
}
