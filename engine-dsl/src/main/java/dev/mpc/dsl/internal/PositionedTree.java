package dev.mpc.dsl.internal;

import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonValue;
import java.util.Map;

/**
 * A JSON or YAML document as values plus where every non-empty object and each of its members came
 * from (keyed by object identity).
 *
 * @param root the document's top-level value
 * @param positions source regions of objects and members
 */
public record PositionedTree(JsonValue root, Map<JsonObject, TreeBuilder.ObjectInfo> positions) {}
