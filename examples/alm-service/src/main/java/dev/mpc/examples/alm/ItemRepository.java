package dev.mpc.examples.alm;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Items in table {@code alm_item}, always by tenant: no query reads or writes another tenant's
 * rows. Lists are keyset-paginated by id (stable under inserts, no OFFSET scans); updates compare
 * and set the version. Every statement has a 2 s query timeout.
 */
@Repository
public class ItemRepository {
  /** The largest page a list returns. */
  public static final int MAX_PAGE = 100;

  private static final RowMapper<Item> ROW = (rs, n) -> new Item(rs.getString("tenant"), rs.getString("id"),
      rs.getString("kind"), rs.getString("title"), rs.getString("description"), rs.getString("severity"),
      rs.getString("status"), rs.getString("assignee"), rs.getString("reporter"), rs.getString("reporter_email"),
      rs.getString("parent_id"), rs.getBoolean("deleted"), rs.getLong("version"));

  private final JdbcTemplate jdbc;

  ItemRepository(JdbcTemplate jdbc) {
    this.jdbc = new JdbcTemplate(jdbc.getDataSource());
    this.jdbc.setQueryTimeout(2);
  }

  void insert(Item i) {
    jdbc.update("INSERT INTO alm_item (tenant, id, kind, title, description, severity, status, assignee, reporter,"
        + " reporter_email, parent_id, deleted, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", i.tenant(),
        i.id(), i.kind(), i.title(), i.description(), i.severity(), i.status(), i.assignee(), i.reporter(),
        i.reporterEmail(), i.parentId(), i.deleted(), i.version());
  }

  Optional<Item> find(String tenant, String kind, String id) {
    List<Item> r = jdbc.query("SELECT * FROM alm_item WHERE tenant = ? AND kind = ? AND id = ?", ROW, tenant, kind, id);
    return r.stream().findFirst();
  }

  /** Up to {@code limit} items of {@code kind} with an id after {@code after} (null: from the start), by id. */
  List<Item> page(String tenant, String kind, String after, int limit) {
    int n = Math.max(1, Math.min(MAX_PAGE, limit));
    if (after == null) {
      return jdbc.query("SELECT * FROM alm_item WHERE tenant = ? AND kind = ? ORDER BY id LIMIT ?", ROW, tenant, kind, n);
    }
    return jdbc.query("SELECT * FROM alm_item WHERE tenant = ? AND kind = ? AND id > ? ORDER BY id LIMIT ?", ROW,
        tenant, kind, after, n);
  }

  /** Writes {@code i} (version + 1) if the stored version is {@code i.version()}; whether it did. */
  boolean update(Item i) {
    return jdbc.update("UPDATE alm_item SET title = ?, description = ?, severity = ?, status = ?, assignee = ?,"
        + " deleted = ?, version = version + 1 WHERE tenant = ? AND kind = ? AND id = ? AND version = ?", i.title(),
        i.description(), i.severity(), i.status(), i.assignee(), i.deleted(), i.tenant(), i.kind(), i.id(),
        i.version()) == 1;
  }

  boolean isDeleted(String tenant, String id) {
    List<Boolean> r = jdbc.query("SELECT deleted FROM alm_item WHERE tenant = ? AND id = ?",
        (rs, n) -> rs.getBoolean(1), tenant, id);
    return !r.isEmpty() && r.get(0);
  }

  long linkedTasks(String tenant, String defectId) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM alm_item WHERE tenant = ? AND kind = 'Task' AND parent_id = ?"
        + " AND deleted = FALSE", Long.class, tenant, defectId);
    return n == null ? 0 : n;
  }

  long openTasks(String tenant, String defectId) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM alm_item WHERE tenant = ? AND kind = 'Task' AND parent_id = ?"
        + " AND deleted = FALSE AND status <> 'done'", Long.class, tenant, defectId);
    return n == null ? 0 : n;
  }
}
