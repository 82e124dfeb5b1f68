package dev.mpc.examples.alm;

import dev.mpc.contract.ContractJson;
import dev.mpc.contract.Decision;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.ObjectRef;
import dev.mpc.diag.Result;
import dev.mpc.diag.MpcException;
import dev.mpc.json.Json;
import dev.mpc.json.JsonObject;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/decisions[?explain=true]}: the Decision on an event envelope (read strictly)
 * for the caller: the actor is always the token's and the object is always in the caller's
 * tenant, whatever the body says.
 */
@RestController
@RequestMapping("/api/v1")
public class DecisionController {
  private final AlmDecisions decisions;

  DecisionController(AlmDecisions decisions) {
    this.decisions = decisions;
  }

  /** Decides. */
  @PostMapping(value = "/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
  public String decide(@RequestBody String body, @RequestParam(defaultValue = "false") boolean explain,
      Authentication auth) {
    Caller c = Caller.of(auth);
    Result<EventEnvelope> read = ContractJson.readEvent(body, ContractJson.Strictness.STRICT);
    if (!read.isOk()) {
      throw new MpcException(read.diagnostics());
    }
    EventEnvelope e = read.orElseThrow();
    JsonObject.Builder attrs = JsonObject.builder();
    e.object().attributes().members().forEach(attrs::put);
    attrs.put("tenant", c.tenant());
    EventEnvelope own = new EventEnvelope(e.id(), e.name(), e.kind(), e.timestamp(), c.actor(),
        new ObjectRef(e.object().type(), e.object().id(), attrs.build(), e.object().state()), e.context(), e.payload(),
        e.previous());
    Decision d = decisions.decide(c, own, explain);
    return Json.write(ContractJson.toJson(d));
  }
}
