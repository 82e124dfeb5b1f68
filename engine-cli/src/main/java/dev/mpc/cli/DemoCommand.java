package dev.mpc.cli;

import dev.mpc.MpcVersion;
import dev.mpc.conformance.ConformanceRunner;
import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.contract.Reason;
import dev.mpc.diag.Code;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code mpc demo}: shows what MPC can do in this build, end to end with the parts that exist.
 * It grows with the engine (parse, compile and evaluate the example manifest as those land).
 */
final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String usage() {
    return "mpc demo";
  }

  @Override
  public String summary() {
    return "show what this build can do, with a worked example";
  }

  @Override
  public int run(List<String> args, CliIo io) throws UsageException {
    if (!args.isEmpty()) {
      throw new UsageException("takes no arguments");
    }
    PrintStream out = io.out();
    out.println("MPC for the JVM " + MpcVersion.current() + " - demo");
    out.println();
    out.println("1. A decision, as an engine returns it (contracts: Decision, Reason, Intent):");
    Decision decision = Decision.deny(List.of(Reason.of(Code.R_ACL_DENY_ROLE, "viewer may not delete orders")))
        .withIntents(List.of(
            Intent.builder(IntentKind.AUDIT).target("order-42")
                .param("action", JsonString.of("delete")).param("actor", JsonString.of("u-7"))
                .idempotencyKey("evt-1001").build(),
            Intent.of(IntentKind.MASK_FIELD, "customer.ssn")));
    JsonObject json = ContractJson.toJson(decision);
    out.println("   " + Canonical.json(json));
    out.println();
    out.println("2. Its canonical form is stable, so its hash identifies it on every machine:");
    out.println("   sha256 " + Canonical.stableHash(json));
    out.println();
    out.println("3. Conformance: this build implements fixture categories "
        + String.join(", ", ConformanceRunner.builder().build().categories()) + ".");
    out.println("   Try: ./mpc conformance run engine-conformance/src/test/resources/fixtures");
    out.println();
    out.println("Commands available: run ./mpc help.");
    return 0;
  }
}
