package dev.mpc.examples.alm;

import dev.mpc.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A defect or a task of a tenant.
 *
 * @param tenant the tenant
 * @param id the id
 * @param kind {@code Defect} or {@code Task}
 * @param title the title
 * @param description the description
 * @param severity low, medium, high or critical
 * @param status the workflow state (defects) or open/done (tasks)
 * @param assignee who works on it (may be null)
 * @param reporter who reported it
 * @param reporterEmail the reporter's e-mail (masked for viewers by the default rules)
 * @param parentId a task's defect (may be null)
 * @param deleted whether it is soft-deleted
 * @param version the row version (optimistic concurrency)
 */
public record Item(String tenant, String id, String kind, String title, String description, String severity,
    String status, String assignee, String reporter, String reporterEmail, String parentId, boolean deleted,
    long version) {

  /** What expressions see as {@code object.attributes}. */
  JsonObject attributes() {
    JsonObject.Builder b = JsonObject.builder().put("tenant", tenant).put("title", title).put("severity", severity)
        .put("status", status).put("reporter", reporter).put("reporterEmail", reporterEmail).put("deleted", deleted);
    if (assignee != null) {
      b.put("assignee", assignee);
    }
    if (parentId != null) {
      b.put("parentId", parentId);
    }
    return b.build();
  }

  /** The response body (before masks). */
  Map<String, Object> body() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("kind", kind);
    m.put("title", title);
    m.put("description", description);
    m.put("severity", severity);
    m.put("status", status);
    m.put("assignee", assignee);
    m.put("reporter", reporter);
    m.put("reporterEmail", reporterEmail);
    if (parentId != null) {
      m.put("parentId", parentId);
    }
    m.put("deleted", deleted);
    m.put("version", version);
    return m;
  }

  Item withStatus(String s) {
    return new Item(tenant, id, kind, title, description, severity, s, assignee, reporter, reporterEmail, parentId,
        deleted, version);
  }

  Item withDeleted(boolean d) {
    return new Item(tenant, id, kind, title, description, severity, status, assignee, reporter, reporterEmail, parentId,
        d, version);
  }
}
