package dev.mpc.examples.alm;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.MpcException;
import dev.mpc.engine.MpcEngine;
import dev.mpc.governance.ActivationResult;
import dev.mpc.governance.ActivePointer;
import dev.mpc.governance.ArtifactBundle;
import dev.mpc.governance.GovernedRuntime;
import dev.mpc.governance.Scope;
import dev.mpc.governance.SignedBundle;
import dev.mpc.governance.SigningPort;
import dev.mpc.spring.MpcManifests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's manifests: upload (compile against the service's DomainMeta: 201 with the artifact
 * hash, or 422 Problem Details listing every diagnostic with line and column), sign with the
 * service key and activate with an idempotency key (a replay returns the first result, a conflict
 * is 409), read the active artifact. Admins of the tenant only; never another tenant's.
 */
@RestController
@RequestMapping("/api/v1")
public class ManifestController {
  private final MpcManifests manifests;
  private final GovernedRuntime runtime;
  private final Tenants tenants;
  private final SigningPort signer;
  private final JdbcTemplate jdbc;

  ManifestController(MpcManifests manifests, GovernedRuntime runtime, Tenants tenants, SigningPort signer,
      JdbcTemplate jdbc) {
    this.manifests = manifests;
    this.runtime = runtime;
    this.tenants = tenants;
    this.signer = signer;
    this.jdbc = jdbc;
  }

  private static Caller admin(Authentication auth) {
    Caller c = Caller.of(auth);
    if (!c.has("admin")) {
      throw new AccessDeniedException("only a tenant admin manages manifests");
    }
    return c;
  }

  /** Compiles and stores a manifest (DSL, YAML or JSON, detected). */
  @PostMapping(value = "/manifests", consumes = {MediaType.TEXT_PLAIN_VALUE, "application/yaml", "text/yaml",
      MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
  public ResponseEntity<Map<String, Object>> upload(@RequestBody String text, Authentication auth) {
    Caller c = admin(auth);
    Artifact a = manifests.compileOrThrow(text, null);
    jdbc.update("DELETE FROM alm_artifact WHERE tenant = ? AND hash = ?", c.tenant(), a.hash());
    jdbc.update("INSERT INTO alm_artifact (tenant, hash, artifact_json) VALUES (?, ?, ?)", c.tenant(), a.hash(),
        a.toCanonicalJson());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("hash", a.hash());
    r.put("definitions", a.manifest().defs().size());
    return ResponseEntity.status(HttpStatus.CREATED).body(r);
  }

  /** Signs and activates an uploaded artifact for the caller's tenant. */
  @PostMapping("/manifests/{hash}/activate")
  public Map<String, Object> activate(@PathVariable String hash,
      @RequestHeader("Idempotency-Key") String idempotencyKey, Authentication auth) {
    Caller c = admin(auth);
    if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw new ItemController.BadRequest("Idempotency-Key must be 1 to 200 characters");
    }
    List<String> json = jdbc.queryForList("SELECT artifact_json FROM alm_artifact WHERE tenant = ? AND hash = ?",
        String.class, c.tenant(), hash);
    if (json.isEmpty()) {
      throw new ItemController.NotFound("no uploaded artifact " + hash);
    }
    Artifact a = Artifact.fromJson(json.get(0)).orElseThrow();
    byte[] bundle = SignedBundle.sign(ArtifactBundle.of(a, MpcEngine.ENGINE_NAME, "preset-generic-full", List.of(),
        List.of()), List.of(signer)).orElseThrow().toBytes();
    Scope scope = tenants.own(c.tenant());
    ActivationResult r = runtime.activate(scope, bundle, idempotencyKey, c.actor().id());
    if (!r.success()) {
      throw new MpcException(r.errors());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hash", r.activeHash().orElse(hash));
    out.put("sequence", r.sequence());
    out.put("replayed", r.replayed());
    return out;
  }

  /** What decides for the caller's tenant now. */
  @GetMapping("/artifacts/active")
  public Map<String, Object> active(Authentication auth) {
    Caller c = Caller.of(auth);
    Scope s = tenants.deciding(c.tenant());
    ActivePointer p = runtime.active(s).orElseThrow(() -> new MpcException(List.of(Diagnostic.of(
        Code.E_GOV_STATE_INVALID, "No artifact is active for tenant " + c.tenant()))));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hash", p.artifactHash());
    out.put("sequence", p.sequence());
    out.put("mode", p.mode().name().toLowerCase(java.util.Locale.ROOT));
    out.put("inherited", tenants.inherits(c.tenant()));
    return out;
  }
}
