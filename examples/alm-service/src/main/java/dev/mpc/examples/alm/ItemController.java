package dev.mpc.examples.alm;

import dev.mpc.artifact.Artifact;
import dev.mpc.contract.Decision;
import dev.mpc.diag.MpcException;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonObject;
import dev.mpc.workflow.AvailableTransition;
import dev.mpc.workflow.FireOptions;
import dev.mpc.workflow.TransitionResult;
import dev.mpc.workflow.WorkflowEngine;
import dev.mpc.workflow.WorkflowInstance;
import dev.mpc.workflow.WorkflowStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Defects and tasks: every call is an event the engine decides in the caller's tenant; responses
 * leave out every field a {@code maskField} intent names. Defects run the {@code defect_flow}
 * workflow (instances in the JDBC workflow store).
 */
@RestController
@RequestMapping("/api/v1")
public class ItemController {
  static final String WORKFLOW = "defect_flow";
  private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

  private final ItemRepository items;
  private final AlmDecisions decisions;
  private final Tenants tenants;
  private final WorkflowStore workflows;
  private final WorkflowEngine engine = WorkflowEngine.builder().build().orElseThrow();

  ItemController(ItemRepository items, AlmDecisions decisions, Tenants tenants, WorkflowStore workflows) {
    this.items = items;
    this.decisions = decisions;
    this.tenants = tenants;
    this.workflows = workflows;
  }

  static String kindOf(String path) {
    switch (path) {
      case "defects":
        return "Defect";
      case "tasks":
        return "Task";
      default:
        throw new NotFound("no such collection: " + path);
    }
  }

  /** Creates a defect or task. */
  @PostMapping("/{collection:defects|tasks}")
  public ResponseEntity<Map<String, Object>> create(@PathVariable String collection, @RequestBody Map<String, Object> body,
      Authentication auth) {
    Caller c = Caller.of(auth);
    String kind = kindOf(collection);
    String title = text(body, "title", 1, 200, true);
    String severity = text(body, "severity", 1, 20, false);
    if (severity == null) {
      severity = "medium";
    }
    if (!SEVERITIES.contains(severity)) {
      throw new BadRequest("severity must be one of " + SEVERITIES);
    }
    String parent = kind.equals("Task") ? text(body, "parentId", 1, 64, false) : null;
    if (parent != null && items.find(c.tenant(), "Defect", parent).isEmpty()) {
      throw new BadRequest("parentId names no defect of this tenant");
    }
    Item item = new Item(c.tenant(), UUID.randomUUID().toString(), kind, title, orEmpty(text(body, "description", 0, 10_000, false)),
        severity, "open", text(body, "assignee", 1, 200, false), c.actor().id(),
        orEmpty(text(body, "reporterEmail", 0, 320, false)), parent, false, 0);
    decisions.require(c, decisions.event(c, kind, item.id(), item.attributes(), "create", JsonObject.EMPTY));
    if (kind.equals("Defect")) {
      Artifact a = tenants.artifact(c.tenant());
      WorkflowInstance wf = engine.start(a, WORKFLOW, instanceId(c.tenant(), item.id())).orElseThrow();
      item = item.withStatus(wf.stateLabel());
      items.insert(item);
      Result<WorkflowInstance> created = workflows.create(wf);
      if (!created.isOk()) {
        throw new MpcException(created.diagnostics());
      }
    } else {
      items.insert(item);
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(readable(c, item));
  }

  /** One item, as the caller may see it. */
  @GetMapping("/{collection:defects|tasks}/{id}")
  public Map<String, Object> read(@PathVariable String collection, @PathVariable String id, Authentication auth) {
    Caller c = Caller.of(auth);
    Item item = items.find(c.tenant(), kindOf(collection), id).orElseThrow(() -> new NotFound("no such item"));
    Decision d = decisions.require(c, decisions.event(c, item.kind(), id, item.attributes(), "read", JsonObject.EMPTY));
    return AlmDecisions.masked(d, item.body());
  }

  /** A page of items (keyset: {@code after} the last id of the previous page), those the caller may read. */
  @GetMapping("/{collection:defects|tasks}")
  public Map<String, Object> list(@PathVariable String collection, @RequestParam(required = false) String after,
      @RequestParam(defaultValue = "20") int limit, Authentication auth) {
    Caller c = Caller.of(auth);
    if (limit < 1 || limit > ItemRepository.MAX_PAGE) {
      throw new BadRequest("limit must be between 1 and " + ItemRepository.MAX_PAGE);
    }
    String kind = kindOf(collection);
    // the call itself is decided (reading the collection), then each row it returns
    decisions.require(c, decisions.event(c, kind, "*", JsonObject.EMPTY, "read", JsonObject.EMPTY));
    List<Item> page = items.page(c.tenant(), kind, after, limit);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Item i : page) {
      Decision d = decisions.decide(c, decisions.event(c, i.kind(), i.id(), i.attributes(), "read", JsonObject.EMPTY),
          false);
      if (d.allow()) {
        out.add(AlmDecisions.masked(d, i.body()));
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("items", out);
    r.put("next", page.size() == limit ? page.get(page.size() - 1).id() : null);
    return r;
  }

  /** Changes title, description, severity or assignee; {@code version} must be the stored one. */
  @PatchMapping("/{collection:defects|tasks}/{id}")
  public Map<String, Object> update(@PathVariable String collection, @PathVariable String id,
      @RequestBody Map<String, Object> body, Authentication auth) {
    Caller c = Caller.of(auth);
    Item stored = items.find(c.tenant(), kindOf(collection), id).orElseThrow(() -> new NotFound("no such item"));
    if (!(body.get("version") instanceof Number v)) {
      throw new BadRequest("version (the version you read) is required");
    }
    String title = text(body, "title", 1, 200, false);
    String description = text(body, "description", 0, 10_000, false);
    String severity = text(body, "severity", 1, 20, false);
    if (severity != null && !SEVERITIES.contains(severity)) {
      throw new BadRequest("severity must be one of " + SEVERITIES);
    }
    Item next = new Item(stored.tenant(), id, stored.kind(), title == null ? stored.title() : title,
        description == null ? stored.description() : description, severity == null ? stored.severity() : severity,
        body.get("status") instanceof String s && stored.kind().equals("Task") && Set.of("open", "done").contains(s)
            ? s : stored.status(),
        body.containsKey("assignee") ? text(body, "assignee", 1, 200, false) : stored.assignee(), stored.reporter(),
        stored.reporterEmail(), stored.parentId(), stored.deleted(), v.longValue());
    decisions.require(c, decisions.event(c, stored.kind(), id, next.attributes(), "update", JsonObject.EMPTY));
    if (!items.update(next)) {
      throw new VersionConflict(id, v.longValue());
    }
    return read(collection, id, auth);
  }

  /** Soft-deletes an item. */
  @DeleteMapping("/{collection:defects|tasks}/{id}")
  public ResponseEntity<Void> delete(@PathVariable String collection, @PathVariable String id, Authentication auth) {
    setDeleted(collection, id, true, "soft_delete", auth);
    return ResponseEntity.noContent().build();
  }

  /** Restores a soft-deleted item. */
  @PostMapping("/{collection:defects|tasks}/{id}/restore")
  public Map<String, Object> restore(@PathVariable String collection, @PathVariable String id, Authentication auth) {
    setDeleted(collection, id, false, "restore", auth);
    return read(collection, id, auth);
  }

  private void setDeleted(String collection, String id, boolean deleted, String action, Authentication auth) {
    Caller c = Caller.of(auth);
    Item stored = items.find(c.tenant(), kindOf(collection), id).orElseThrow(() -> new NotFound("no such item"));
    decisions.require(c, decisions.event(c, stored.kind(), id, stored.attributes(), action, JsonObject.EMPTY));
    if (!items.update(stored.withDeleted(deleted))) {
      throw new VersionConflict(id, stored.version());
    }
  }

  /**
   * Fires workflow event {@code event} on a defect; {@code expectedVersion} (the instance version
   * the caller saw; default the current one) makes a concurrent change a 409.
   */
  @PostMapping("/defects/{id}/transitions/{event}")
  public Map<String, Object> transition(@PathVariable String id, @PathVariable String event,
      @RequestParam(required = false) Long expectedVersion,
      @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    Caller c = Caller.of(auth);
    Item stored = items.find(c.tenant(), "Defect", id).orElseThrow(() -> new NotFound("no such item"));
    decisions.require(c, decisions.event(c, "Defect", id, stored.attributes(), "transition",
        JsonObject.builder().put("event", event).build()));
    WorkflowInstance wf = workflows.load(instanceId(c.tenant(), id)).orElseThrow(() -> new NotFound("no workflow"));
    long expected = expectedVersion == null ? wf.version() : expectedVersion;
    if (expected != wf.version()) {
      throw new MpcException(List.of(dev.mpc.diag.Diagnostic.of(dev.mpc.diag.Code.E_WF_CONCURRENT_MODIFICATION,
          "instance of defect " + id + " is at version " + wf.version() + ", not " + expected)));
    }
    TransitionResult r = engine.fire(tenants.artifact(c.tenant()), wf, event, c.actor(),
        JsonObject.builder().put("tenant", c.tenant()).build(),
        idempotencyKey == null ? FireOptions.defaults() : FireOptions.eventId(idempotencyKey));
    if (!r.allowed()) {
      throw new MpcException(r.errors());
    }
    if (!r.replayed()) {
      Result<WorkflowInstance> saved = workflows.save(r.instance(), expected);
      if (!saved.isOk()) {
        throw new MpcException(saved.diagnostics());
      }
      Item now = items.find(c.tenant(), "Defect", id).orElseThrow();
      items.update(now.withStatus(r.instance().stateLabel()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("state", r.instance().stateLabel());
    out.put("workflowVersion", r.instance().version());
    out.put("replayed", r.replayed());
    out.put("intents", r.intents().stream().map(i -> i.kind().wireName() + i.target().map(t -> ":" + t).orElse(""))
        .toList());
    return out;
  }

  /** The transitions of a defect and whether the caller may fire each now. */
  @GetMapping("/defects/{id}/transitions")
  public Map<String, Object> transitions(@PathVariable String id, Authentication auth) {
    Caller c = Caller.of(auth);
    Item stored = items.find(c.tenant(), "Defect", id).orElseThrow(() -> new NotFound("no such item"));
    decisions.require(c, decisions.event(c, "Defect", id, stored.attributes(), "read", JsonObject.EMPTY));
    WorkflowInstance wf = workflows.load(instanceId(c.tenant(), id)).orElseThrow(() -> new NotFound("no workflow"));
    List<Map<String, Object>> out = new ArrayList<>();
    for (AvailableTransition t : engine.availableTransitions(tenants.artifact(c.tenant()), wf, c.actor(),
        JsonObject.builder().put("tenant", c.tenant()).build())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", t.transition().event());
      m.put("to", t.transition().to());
      m.put("enabled", t.enabled());
      m.put("reasons", t.reasons().stream().map(r -> r.code().code()).toList());
      out.add(m);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("state", wf.stateLabel());
    r.put("workflowVersion", wf.version());
    r.put("transitions", out);
    return r;
  }

  private Map<String, Object> readable(Caller c, Item item) {
    Decision d = decisions.decide(c, decisions.event(c, item.kind(), item.id(), item.attributes(), "read",
        JsonObject.EMPTY), false);
    Map<String, Object> body = item.body();
    if (!d.allow()) {
      Map<String, Object> minimal = new LinkedHashMap<>();
      minimal.put("id", item.id());
      minimal.put("kind", item.kind());
      return minimal;
    }
    return AlmDecisions.masked(d, body);
  }

  static String instanceId(String tenant, String id) {
    return tenant + ":" + id;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String text(Map<String, Object> body, String key, int min, int max, boolean required) {
    Object v = body.get(key);
    if (v == null) {
      if (required) {
        throw new BadRequest(key + " is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw new BadRequest(key + " must be a string");
    }
    if (s.length() < min || s.length() > max) {
      throw new BadRequest(key + " must be " + min + " to " + max + " characters");
    }
    return s;
  }

  /** 404. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String m) {
      super(m, null, false, false);
    }
  }

  /** 400. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String m) {
      super(m, null, false, false);
    }
  }

  /** 409: the item changed since the caller read it. */
  static final class VersionConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VersionConflict(String id, long version) {
      super("item " + id + " is no longer at version " + version + ": read it again", null, false, false);
    }
  }
}
