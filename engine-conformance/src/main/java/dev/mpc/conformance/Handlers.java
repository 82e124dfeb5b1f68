package dev.mpc.conformance;

import dev.mpc.conformance.handlers.AclHandler;
import dev.mpc.conformance.handlers.CanonicalHandler;
import dev.mpc.conformance.handlers.CompileHandler;
import dev.mpc.conformance.handlers.ComposeHandler;
import dev.mpc.conformance.handlers.ContractsHandler;
import dev.mpc.conformance.handlers.EvaluateIntegrationHandler;
import dev.mpc.conformance.handlers.ExprHandler;
import dev.mpc.conformance.handlers.FormHandler;
import dev.mpc.conformance.handlers.GovernanceHandler;
import dev.mpc.conformance.handlers.ImportsHandler;
import dev.mpc.conformance.handlers.LintHandler;
import dev.mpc.conformance.handlers.ManifestParseHandler;
import dev.mpc.conformance.handlers.MetaDiffHandler;
import dev.mpc.conformance.handlers.OverlayHandler;
import dev.mpc.conformance.handlers.PolicyHandler;
import dev.mpc.conformance.handlers.RedactionHandler;
import dev.mpc.conformance.handlers.RoutingHandler;
import dev.mpc.conformance.handlers.ValidatorHandler;
import dev.mpc.conformance.handlers.WorkflowHandler;
import java.util.List;

/** The category handlers MPC ships, one per fixture category it implements. */
public final class Handlers {
  private Handlers() {}

  /**
   * Every implemented category handler. Add new ones here (one line each).
   *
   * @return every implemented category handler
   */
  public static List<CategoryHandler> standard() {
    return List.of(
        new AclHandler(),
        new CanonicalHandler(),
        new CompileHandler(),
        new ComposeHandler(),
        new ContractsHandler(),
        new EvaluateIntegrationHandler(),
        new ExprHandler(),
        new FormHandler(),
        new GovernanceHandler(),
        new ImportsHandler(),
        new LintHandler(),
        new ManifestParseHandler(),
        new MetaDiffHandler(),
        new OverlayHandler(),
        new PolicyHandler(),
        new RedactionHandler(),
        new RoutingHandler(),
        new ValidatorHandler(),
        new WorkflowHandler());
  }
}
