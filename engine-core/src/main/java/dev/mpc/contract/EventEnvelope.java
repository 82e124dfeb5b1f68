package dev.mpc.contract;

import dev.mpc.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * An event submitted for evaluation ({@code event_envelope.schema.json}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id optional event id (non-empty when present)
 * @param name non-empty event name, e.g. {@code order.approve}
 * @param kind what happened
 * @param timestamp when, as an RFC 3339 date-time with offset, kept verbatim (so that the JSON
 *     form round-trips byte for byte)
 * @param actor who
 * @param object what
 * @param context open evaluation context (e.g. tenant); empty when none
 * @param payload open event data; empty when none
 * @param previous prior snapshot of the object, if any
 */
public record EventEnvelope(
    Optional<String> id,
    String name,
    EventKind kind,
    String timestamp,
    Actor actor,
    ObjectRef object,
    JsonObject context,
    JsonObject payload,
    Optional<JsonObject> previous) {

  /**
   * Creates an envelope.
   *
   * @throws IllegalArgumentException if a required string is empty or the timestamp is not an
   *     RFC 3339 date-time with offset
   */
  public EventEnvelope {
    Objects.requireNonNull(id, "EventEnvelope.id");
    id.ifPresent(v -> Contracts.requireNonEmpty(v, "EventEnvelope.id"));
    Contracts.requireNonEmpty(name, "EventEnvelope.name");
    Objects.requireNonNull(kind, "EventEnvelope.kind");
    Contracts.requireNonEmpty(timestamp, "EventEnvelope.timestamp");
    parseTimestamp(timestamp);
    Objects.requireNonNull(actor, "EventEnvelope.actor");
    Objects.requireNonNull(object, "EventEnvelope.object");
    Objects.requireNonNull(context, "EventEnvelope.context");
    Objects.requireNonNull(payload, "EventEnvelope.payload");
    Objects.requireNonNull(previous, "EventEnvelope.previous");
  }

  /** A minimal envelope: no id, context, payload or previous snapshot. */
  public static EventEnvelope of(String name, EventKind kind, Instant timestamp, Actor actor, ObjectRef object) {
    return new EventEnvelope(Optional.empty(), name, kind, timestamp.toString(), actor, object,
        JsonObject.EMPTY, JsonObject.EMPTY, Optional.empty());
  }

  /** The timestamp as an instant. */
  public Instant instant() {
    return parseTimestamp(timestamp).toInstant();
  }

  static OffsetDateTime parseTimestamp(String timestamp) {
    try {
      return OffsetDateTime.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "EventEnvelope.timestamp must be an RFC 3339 date-time with offset, got '" + timestamp + "'");
    }
  }
}
