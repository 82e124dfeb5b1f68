package dev.mpc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mpc.contract.ContractJson;
import dev.mpc.contract.EventEnvelope;
import dev.mpc.contract.Intent;
import dev.mpc.contract.IntentKind;
import dev.mpc.json.Canonical;
import dev.mpc.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostEvaluateExampleTest {
  static final Path ROOT = Path.of(".").toAbsolutePath().normalize();

  final List<String> executed = new ArrayList<>();
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  HostEvaluateExample host;

  @BeforeEach
  void deploy() throws IOException {
    host = HostEvaluateExample.deploy(Files.readString(ROOT.resolve("manifests/order-access.mpc")),
        Files.readString(ROOT.resolve("manifests/order-access-meta.yaml")),
        (intent, event) -> executed.add(intent.kind().wireName() + ":" + intent.idempotencyKey().orElse("") + ":"
            + event.id().orElse("")),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertNotNull(host, log.toString(StandardCharsets.UTF_8));
  }

  static EventEnvelope event(String name) throws IOException {
    return ContractJson.readEvent(Files.readString(ROOT.resolve("events").resolve(name)),
        ContractJson.Strictness.STRICT).orElseThrow();
  }

  @Test
  void allowed_executesAuditOnce_evenWhenTheEventIsRedelivered() throws IOException {
    HostEvaluateExample.Response r = host.handle(event("editor-update.json"));
    assertTrue(r.allowed(), r.toString());
    assertEquals(List.of("R_POLICY_ALLOW: Allowed by policy 'AllowOrders'",
        "R_ACL_ALLOW_ROLE: Allowed by ACL rule 'editors_update'"), r.reasons());
    assertEquals(List.of("audit:order-access:evt-1"), executed);
    host.handle(event("editor-update.json"));
    assertEquals(List.of("audit:order-access:evt-1"), executed, "a redelivered event repeats no side effect");
    host.handle(event("viewer-read.json"));
    assertEquals(List.of("audit:order-access:evt-1", "audit:order-access:evt-2"), executed, "another event: its own");
  }

  @Test
  void maskFieldIntents_maskTheReturnedData() throws IOException {
    EventEnvelope e = event("viewer-read.json");
    HostEvaluateExample.Response r = host.handle(e);
    assertTrue(r.allowed());
    assertEquals("{\"card\":\"***\",\"customer\":{\"name\":\"Ada\",\"ssn\":\"***\"},\"ownerId\":\"u-own\",\"total\":120}",
        Canonical.json(r.body()));
    assertTrue(Canonical.json(e.object().attributes()).contains("078-05-1120"), "the event itself is unchanged");
    var plain = (dev.mpc.json.JsonObject) dev.mpc.json.Json.parse("{\"customer\":1,\"total\":1}").orElseThrow();
    assertEquals("{\"customer\":1,\"total\":1}", Canonical.json(HostEvaluateExample.mask(plain,
        List.of("card", "customer.ssn"))), "a path that is absent or not an object is left alone");
  }

  @Test
  void denied_noBody_reasonsSay_why_auditStillRecorded() throws IOException {
    HostEvaluateExample.Response r = host.handle(event("viewer-update.json"));
    assertFalse(r.allowed());
    assertEquals(List.of("R_ACL_NO_MATCH: No matching ACL rule for action='update', resource='order'"), r.reasons());
    assertEquals(dev.mpc.json.JsonObject.EMPTY, r.body());
    assertEquals(List.of("audit:order-access:evt-3"), executed, "audit intents are kept for any outcome");
    HostEvaluateExample.Response s = host.handle(event("suspended-admin-delete.json"));
    assertFalse(s.allowed());
    assertEquals(List.of("audit:order-access:evt-3", "audit:deny-suspended:evt-5", "audit:order-access:evt-5"), executed,
        "two distinct audits of the deny, deduplicated by kind, target and idempotency key");
  }

  @Test
  void incompleteIntents_areNeverExecuted() {
    assertFalse(HostEvaluateExample.executable(Intent.of(IntentKind.AUDIT, "order")), "no key, no params");
    assertTrue(HostEvaluateExample.executable(Intent.builder(IntentKind.AUDIT).target("order")
        .param("action", JsonString.of("read")).param("actor", JsonString.of("u")).idempotencyKey("k").build()));
    assertTrue(HostEvaluateExample.executable(Intent.of(IntentKind.MASK_FIELD, "card")));
  }

  @Test
  void brokenManifest_reportsProblems_deploysNothing() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    HostEvaluateExample none = HostEvaluateExample.deploy("def Gadget g { }",
        "schema_version: 1\nkinds:\n  - { name: Policy }\n", (i, e) -> { }, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertNull(none);
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("[E_META_UNKNOWN_KIND]"), buf.toString(StandardCharsets.UTF_8));
  }
}
