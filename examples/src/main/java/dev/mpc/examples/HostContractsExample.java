package dev.mpc.examples;

import dev.mpc.contract.Actor;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.ContractJson.Strictness;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.EventKind;
import dev.mpc.contract.Intent;
import dev.mpc.contract.ObjectRef;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.Canonical;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * A host application's side of MPC's contracts, using only public API: it describes what happened
 * as an {@link EventEnvelope}, receives a {@link Decision} as JSON (here from a stored reply),
 * refuses malformed decisions, checks every recommended {@link Intent} against the taxonomy
 * before executing it, and logs the decision's stable hash for audit.
 */
public final class HostContractsExample {
  private HostContractsExample() {}

  /**
   * Runs the example, printing to {@code out}; returns the number of intents the host would execute.
   *
   * @param out the out
   * @return the int
   */
  public static int run(PrintStream out) {
    EventEnvelope event = EventEnvelope.of("order.delete", EventKind.DELETE, Instant.parse("2026-01-01T10:00:00Z"),
        Actor.user("u-7", "viewer"), ObjectRef.of("order", "order-42"));
    out.println("event:    " + Canonical.json(ContractJson.toJson(event)));

    String reply = """
        {"allow": false,
         "reasons": [{"code": "R_ACL_DENY_ROLE", "summary": "viewer may not delete orders"}],
         "intents": [
           {"kind": "audit", "target": "order-42", "idempotencyKey": "evt-1",
            "params": {"action": "delete", "actor": "u-7"}},
           {"kind": "notify", "target": "security"},
           {"kind": "audit", "target": "order-42", "idempotencyKey": "evt-1",
            "params": {"action": "delete", "actor": "u-7"}}]}
        """;
    Result<Decision> read = ContractJson.readDecision(reply, Strictness.STRICT);
    if (!(read instanceof Result.Ok<Decision> ok)) {
      read.diagnostics().forEach(d -> out.println("rejected: " + d));
      return 0;
    }
    Decision decision = ok.get();
    out.println("decision: allow=" + decision.allow() + " reasons=" + decision.reasons().stream()
        .map(r -> r.code().code()).toList());
    out.println("audit id: sha256 " + Canonical.stableHash(ContractJson.toJson(decision)));

    int executed = 0;
    for (Intent intent : Intent.deduplicate(decision.intents())) {
      List<Diagnostic> problems = intent.problems();
      if (problems.isEmpty()) {
        out.println("execute:  " + intent.kind().wireName() + " -> " + intent.target().orElseThrow());
        executed++;
      } else {
        out.println("skip:     " + intent.kind().wireName() + " (" + problems.get(0).message() + ")");
      }
    }
    return executed;
  }

  /**
   * Entry point.
   *
   * @param args the args
   */
  public static void main(String[] args) {
    run(System.out);
  }
}
