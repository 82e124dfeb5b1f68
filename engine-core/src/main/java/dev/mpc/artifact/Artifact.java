package dev.mpc.artifact;

import dev.mpc.ast.AstNode;
import dev.mpc.ast.ManifestAst;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.expr.Expr;
import dev.mpc.expr.ExprJson;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonNull;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import dev.mpc.meta.DomainMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A compiled manifest: what the runtime engines load. It holds the manifest in canonical form
 * (definitions in canonical order, no source maps), the {@link DomainMeta} it was compiled
 * against, an index for the engines, and its {@link Provenance}.
 *
 * <p>The index: definitions by kind and by reference ({@code Kind:id}); for each definition its
 * {@code extends} chain, its dependencies ({@code extends} parent and {@code imports} list, resolved
 * to references) and the types of its properties after {@code extends} resolution; the dependency
 * graph; and a reference resolver ({@link #effectiveProperties(String, String)}: a definition's
 * properties over its ancestors', the nearest winning).
 *
 * <p>Definitions are ordered as the artifact hash orders them (pipeline.md §8.5 as upstream
 * applies it to node forms: display name ascending, unnamed first, then id); engines order rules by
 * their own criteria (priority, id), so nothing depends on source order.
 *
 * <p>Lowered expressions: the compiler lowers every expression site of the engine definitions
 * (Policy {@code match/expr} and {@code condition}, ACL {@code condition/expr}, Workflow guards) to
 * expression IR, so the runtime evaluates an artifact without the expression parser. They live in
 * the member {@code lowered} ({@code {"digest":..,"sites":{"Kind:id":{"site":IR}}}}), outside the
 * upstream-compatible hashes, covered by their own digest: the stable hash of
 * {@code {"astHash":..,"sites":..}}, which binds them to this manifest. A site is a property path
 * relative to the definition's properties, segments separated by {@code /} (array items by index).
 * {@link #expression(String, String)} reads them.
 *
 * <p>{@link #toJson()} is the serialized artifact (canonical JSON, format {@value #FORMAT});
 * {@link #fromJson(String)} loads it back and verifies it: every hash is recomputed and the index
 * rebuilt, so a tampered artifact is rejected with a coded error, never loaded. Two artifacts are
 * equal when their serialized forms are.
 *
 * <p>Immutable and thread-safe.
 */
public final class Artifact {
  /** The serialization format identifier. */
  public static final String FORMAT = "mpc-artifact/1";

  private final Provenance provenance;
  private final ManifestAst manifest;
  private final DomainMeta meta;
  private final List<DefinitionInfo> infos;
  private final Map<String, Integer> positionByRef;
  private final Map<String, List<AstNode>> byKind;
  private final Map<String, JsonObject> effective;
  private final JsonObject manifestForm;
  private final JsonObject metaJson;
  private final Map<String, Map<String, Expr>> lowered;
  private final JsonObject loweredJson;
  private volatile JsonObject json;
  private volatile String canonicalJson;

  /**
   * The longest extends chain (ancestors) a definition may have. Every definition records its whole
   * chain, so an unbounded chain would make an artifact grow with the square of its manifest; the
   * validator rejects longer chains with {@code E_QUOTA_EXCEEDED}.
   */
  public static final int MAX_EXTENDS_DEPTH = 256;

  private Artifact(ManifestIdentity identity, MetaIdentity metaIdentity, String engineVersion,
      Map<String, Map<String, Expr>> lowered) {
    this.manifest = identity.manifest();
    this.meta = metaIdentity.meta();
    this.provenance = Provenance.of(identity.astHash(), metaIdentity.hash(), engineVersion);
    List<AstNode> defs = manifest.defs();
    Map<String, Integer> positions = new LinkedHashMap<>();
    Map<String, String> refById = new HashMap<>();
    Map<String, List<AstNode>> kinds = new LinkedHashMap<>();
    for (int i = 0; i < defs.size(); i++) {
      AstNode d = defs.get(i);
      positions.putIfAbsent(ref(d), i);
      refById.putIfAbsent(d.id(), ref(d));
      kinds.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
    }
    this.positionByRef = Collections.unmodifiableMap(positions);
    Map<String, List<AstNode>> frozen = new LinkedHashMap<>();
    kinds.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.byKind = Collections.unmodifiableMap(frozen);

    List<DefinitionInfo> list = new ArrayList<>(defs.size());
    Map<String, JsonObject> eff = new LinkedHashMap<>();
    for (int i = 0; i < defs.size(); i++) {
      AstNode d = defs.get(i);
      String ref = ref(d);
      if (positions.get(ref) != i) {
        continue; // a repeated reference: validation rejects it; the first one is the definition
      }
      boolean inherits = d.properties().getOrNull("extends") instanceof JsonString;
      List<String> chain = inherits ? new ArrayList<>() : List.of();
      Set<String> seen = inherits ? new HashSet<>(List.of(ref)) : Set.of();
      AstNode at = d;
      while (at.properties().getOrNull("extends") instanceof JsonString p) {
        String parent = at.kind() + ":" + p.value();
        Integer pos = positions.get(parent);
        if (pos == null || !seen.add(parent)) {
          break;
        }
        chain.add(parent);
        if (chain.size() > MAX_EXTENDS_DEPTH) {
          throw new IllegalArgumentException("the extends chain of '" + ref + "' is longer than " + MAX_EXTENDS_DEPTH
              + " definitions");
        }
        at = defs.get(pos);
      }
      JsonObject effectiveProps;
      if (chain.isEmpty()) {
        effectiveProps = d.properties(); // nothing inherited: the node's own (immutable) properties
      } else {
        Map<String, JsonValue> props = new LinkedHashMap<>();
        for (int c = chain.size() - 1; c >= 0; c--) {
          props.putAll(defs.get(positions.get(chain.get(c))).properties().members());
        }
        props.putAll(d.properties().members());
        effectiveProps = JsonObject.of(props);
      }
      eff.put(ref, effectiveProps);
      LinkedHashSet<String> deps = new LinkedHashSet<>();
      if (!chain.isEmpty()) {
        deps.add(chain.get(0));
      }
      if (d.properties().getOrNull("imports") instanceof JsonArray imports) {
        for (JsonValue v : imports.items()) {
          if (v instanceof JsonString s && refById.containsKey(s.value())) {
            deps.add(refById.get(s.value()));
          }
        }
      }
      Map<String, String> types = new LinkedHashMap<>();
      effectiveProps.members().forEach((k, v) -> types.put(k, v.type().typeName()));
      list.add(new DefinitionInfo(ref, i, chain, List.copyOf(deps), types));
    }
    this.infos = List.copyOf(list);
    this.effective = Collections.unmodifiableMap(eff);
    this.manifestForm = identity.canonicalForm();
    this.metaJson = metaIdentity.json();
    Map<String, Map<String, Expr>> low = new TreeMap<>(Canonical.CODE_POINT_ORDER);
    JsonObject.Builder sites = JsonObject.builder();
    for (Map.Entry<String, Map<String, Expr>> e : new TreeMap<>(lowered).entrySet()) {
      String ref = e.getKey();
      AstNode owner = node(defs, positions, ref);
      if (owner == null) {
        throw new IllegalArgumentException("lowered expressions name '" + ref + "', which is not a definition");
      }
      JsonObject props = owner.properties();
      Map<String, Expr> own = new TreeMap<>(Canonical.CODE_POINT_ORDER);
      JsonObject.Builder ownJson = JsonObject.builder();
      for (Map.Entry<String, Expr> site : e.getValue().entrySet()) {
        if (at(props, site.getKey()) == null) {
          throw new IllegalArgumentException("lowered expression '" + ref + "' site '" + site.getKey()
              + "' is not a property of the definition");
        }
        own.put(site.getKey(), Objects.requireNonNull(site.getValue(), "lowered IR"));
        ownJson.put(site.getKey(), ExprJson.encode(site.getValue()));
      }
      if (!own.isEmpty()) {
        low.put(ref, Collections.unmodifiableMap(own));
        sites.put(ref, ownJson.build());
      }
    }
    this.lowered = Collections.unmodifiableMap(low);
    JsonObject sitesJson = sites.build();
    this.loweredJson = JsonObject.builder().put("digest", loweredDigest(identity.astHash(), sitesJson))
        .put("sites", sitesJson).build();
  }

  /** What separates a parent's ref from a nested definition's {@code kind:id} in a lowered ref ({@link #childRef}). */
  public static final String NESTED = ">";

  /**
   * The lowered ref of the first child of kind {@code kind} and id {@code id} of the definition
   * {@code parentRef} (itself top level or nested): {@code parentRef + ">" + kind + ":" + id}, e.g.
   * {@code FormDef:signup>FieldDef:email}. Nested definitions have expression sites too (a form's
   * fields); the runtime finds their IR under these refs.
   */
  public static String childRef(String parentRef, String kind, String id) {
    return parentRef + NESTED + kind + ":" + id;
  }

  /** The definition {@code ref} names (top level, or nested through {@link #NESTED}), or null. */
  private static AstNode node(List<AstNode> defs, Map<String, Integer> positions, String ref) {
    Integer pos = positions.get(ref);
    if (pos != null) {
      return defs.get(pos);
    }
    int cut = ref.lastIndexOf(NESTED);
    if (cut < 0) {
      return null;
    }
    AstNode parent = node(defs, positions, ref.substring(0, cut));
    if (parent == null) {
      return null;
    }
    String last = ref.substring(cut + NESTED.length());
    for (AstNode c : parent.children()) {
      if (ref(c).equals(last)) {
        return c;
      }
    }
    return null;
  }

  /** The digest of a lowered section: binds the sites to the manifest of {@code astHash}. */
  private static String loweredDigest(String astHash, JsonObject sites) {
    return Canonical.stableHash(JsonObject.builder().put("astHash", astHash).put("sites", sites).build());
  }

  /** The value at {@code site} (segments separated by {@code /}) under {@code props}, or null. */
  private static JsonValue at(JsonObject props, String site) {
    JsonValue v = props;
    for (String seg : site.split("/", -1)) {
      if (v instanceof JsonObject o) {
        v = o.getOrNull(seg);
      } else if (v instanceof JsonArray a && seg.matches("0|[1-9][0-9]{0,8}") && Integer.parseInt(seg) < a.size()) {
        v = a.get(Integer.parseInt(seg));
      } else {
        return null;
      }
      if (v == null) {
        return null;
      }
    }
    return v == props ? null : v;
  }

  /**
   * Builds the artifact of {@code ast} (source maps dropped, definitions in canonical order)
   * compiled against {@code meta} by engine {@code engineVersion}. Does not validate: the compiler
   * does that before it calls this.
   *
   * @throws IllegalArgumentException if a definition's extends chain is longer than
   *     {@link #MAX_EXTENDS_DEPTH} (the validator reports that as {@code E_QUOTA_EXCEEDED})
   */
  public static Artifact of(ManifestAst ast, DomainMeta meta, String engineVersion) {
    return of(ManifestIdentity.of(ast), MetaIdentity.of(meta), engineVersion);
  }

  /**
   * As {@link #of(ManifestAst, DomainMeta, String)}, from identities computed beforehand, with no
   * lowered expressions.
   */
  public static Artifact of(ManifestIdentity manifest, MetaIdentity meta, String engineVersion) {
    return new Artifact(manifest, meta, engineVersion, Map.of());
  }

  /**
   * As {@link #of(ManifestIdentity, MetaIdentity, String)}, carrying {@code lowered}: for each
   * definition reference ({@code Kind:id}) the IR of its expression sites by site path.
   *
   * @throws IllegalArgumentException if a reference is not a definition or a site not one of its
   *     properties, or as {@link #of(ManifestAst, DomainMeta, String)}
   */
  public static Artifact of(ManifestIdentity manifest, MetaIdentity meta, String engineVersion,
      Map<String, Map<String, Expr>> lowered) {
    return new Artifact(manifest, meta, engineVersion, Objects.requireNonNull(lowered, "lowered"));
  }

  private static String ref(AstNode d) {
    return d.kind() + ":" + d.id();
  }



  /** Identity and origin. */
  public Provenance provenance() {
    return provenance;
  }

  /** The artifact hash (same as {@code provenance().artifactHash()}). */
  public String hash() {
    return provenance.artifactHash();
  }

  /** The manifest in canonical form: canonical definition order, no source maps. */
  public ManifestAst manifest() {
    return manifest;
  }

  /** The DomainMeta it was compiled against. */
  public DomainMeta meta() {
    return meta;
  }

  /** The top-level definitions of {@code kind}, in artifact order (empty if none). */
  public List<AstNode> definitions(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /** The definition {@code kind:id}. */
  public Optional<AstNode> definition(String kind, String id) {
    Integer pos = positionByRef.get(kind + ":" + id);
    return pos == null ? Optional.empty() : Optional.of(manifest.defs().get(pos));
  }

  /** What the compiler resolved about each definition, in artifact order. */
  public List<DefinitionInfo> definitionInfos() {
    return infos;
  }

  /** What the compiler resolved about {@code kind:id}. */
  public Optional<DefinitionInfo> info(String kind, String id) {
    String ref = kind + ":" + id;
    return infos.stream().filter(i -> i.ref().equals(ref)).findFirst();
  }

  /** The dependency graph: each definition's reference to the references it depends on. */
  public Map<String, List<String>> dependencyGraph() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (DefinitionInfo i : infos) {
      g.put(i.ref(), i.dependsOn());
    }
    return Collections.unmodifiableMap(g);
  }

  /**
   * The properties of {@code kind:id} with its {@code extends} ancestors resolved: the ancestors'
   * properties, overridden by nearer ones, overridden by its own.
   */
  public Optional<JsonObject> effectiveProperties(String kind, String id) {
    return Optional.ofNullable(effective.get(kind + ":" + id));
  }

  /**
   * The lowered IR of expression site {@code site} of definition {@code ref} ({@code Kind:id}).
   * With {@code extends}, the site belongs to the nearest definition of the chain (the definition
   * itself first) that has the site's top-level property, as {@link #effectiveProperties} resolves
   * it; empty when that definition has no expression there.
   */
  public Optional<Expr> expression(String ref, String site) {
    String top = site.contains("/") ? site.substring(0, site.indexOf('/')) : site;
    if (!positionByRef.containsKey(ref) && ref.contains(NESTED)) { // a nested definition: no extends chain
      return Optional.ofNullable(lowered.getOrDefault(ref, Map.of()).get(site));
    }
    Integer pos = positionByRef.get(ref);
    if (pos == null) {
      return Optional.empty();
    }
    if (!manifest.defs().get(pos).properties().has(top)) {
      DefinitionInfo info = infos.stream().filter(i -> i.ref().equals(ref)).findFirst().orElse(null);
      for (String ancestor : info == null ? List.<String>of() : info.extendsChain()) {
        if (manifest.defs().get(positionByRef.get(ancestor)).properties().has(top)) {
          return Optional.ofNullable(lowered.getOrDefault(ancestor, Map.of()).get(site));
        }
      }
      return Optional.empty();
    }
    return Optional.ofNullable(lowered.getOrDefault(ref, Map.of()).get(site));
  }

  /** The lowered expressions of definition {@code ref} itself, by site path (empty if none). */
  public Map<String, Expr> expressions(String ref) {
    return lowered.getOrDefault(ref, Map.of());
  }

  /** The digest of the lowered section (see the class documentation). */
  public String loweredDigest() {
    return ((JsonString) loweredJson.getOrNull("digest")).value();
  }

  /** The serialized artifact (built on first use: an artifact held in memory never needs it). */
  public JsonObject toJson() {
    JsonObject j = json;
    if (j == null) {
      j = serialize(manifestForm, metaJson);
      json = j;
    }
    return j;
  }

  /** The serialized artifact as canonical JSON text (computed once, on first use). */
  public String toCanonicalJson() {
    String s = canonicalJson;
    if (s == null) {
      s = Canonical.json(toJson());
      canonicalJson = s;
    }
    return s;
  }

  private JsonObject serialize(JsonObject manifestForm, JsonObject metaJson) {
    List<JsonValue> index = new ArrayList<>(infos.size());
    for (DefinitionInfo i : infos) {
      JsonObject.Builder types = JsonObject.builder();
      i.propertyTypes().forEach(types::put);
      index.add(JsonObject.builder().put("ref", i.ref()).put("position", i.position())
          .put("extends", strings(i.extendsChain())).put("dependsOn", strings(i.dependsOn()))
          .put("propertyTypes", types.build()).build());
    }
    return JsonObject.builder().put("format", FORMAT).put("provenance", provenance.toJson())
        .put("manifest", manifestForm).put("meta", metaJson).put("index", JsonArray.of(index)).put("lowered", loweredJson).build();
  }

  private static JsonArray strings(List<String> items) {
    return JsonArray.of(items.stream().map(JsonString::of).toList());
  }

  /** Loads and verifies a serialized artifact from JSON text. */
  public static Result<Artifact> fromJson(String text) {
    return Json.parse(text).flatMap(Artifact::fromJson);
  }

  /**
   * Loads and verifies a serialized artifact: the manifest and meta are decoded, every hash is
   * recomputed and the index rebuilt; any difference from what the document records is an
   * {@code E_PARSE_INVALID_TOKEN} naming the first differing member. The lowered section is
   * verified too: its digest is recomputed, every IR must decode, and every site must name an
   * existing definition and one of its properties; a failure is {@code E_PARSE_INVALID_TOKEN}
   * naming the site. Never throws for bad input.
   */
  public static Result<Artifact> fromJson(JsonValue json) {
    if (!(json instanceof JsonObject o)) {
      return invalid("an artifact must be a JSON object");
    }
    if (!(o.getOrNull("format") instanceof JsonString f) || !f.value().equals(FORMAT)) {
      return invalid("not an MPC artifact (format must be '" + FORMAT + "')");
    }
    if (!(o.getOrNull("provenance") instanceof JsonObject prov)
        || !(prov.getOrNull("engineVersion") instanceof JsonString engineVersion)) {
      return invalid("artifact provenance with an engineVersion is missing");
    }
    Result<ManifestAst> ast = ManifestForms.decode(o.getOrNull("manifest"));
    if (!ast.isOk()) {
      return Result.failed(ast.diagnostics());
    }
    Result<DomainMeta> meta = DomainMeta.fromJson(o.getOrNull("meta") == null ? JsonNull.INSTANCE : o.getOrNull("meta"));
    if (!meta.isOk()) {
      return Result.failed(meta.diagnostics());
    }
    Result<Map<String, Map<String, Expr>>> lowered = decodeLowered(o.getOrNull("lowered"));
    if (!lowered.isOk()) {
      return Result.failed(lowered.diagnostics());
    }
    Artifact rebuilt;
    try {
      rebuilt = of(ManifestIdentity.of(ast.orElseThrow()), MetaIdentity.of(meta.orElseThrow()), engineVersion.value(),
          lowered.orElseThrow());
    } catch (IllegalArgumentException e) {
      return invalid("artifact does not verify: " + e.getMessage());
    }
    // The upstream-compatible members first (a tampered manifest names its hash), then the lowered section.
    JsonObject computed = rebuilt.toJson();
    if (computed.equals(o)) {
      return Result.ok(rebuilt); // the common case: one structural comparison, no paths built
    }
    String difference = firstDifference("", without(computed, "lowered"), without(o, "lowered"));
    if (difference == null) {
      difference = firstDifference("lowered", computed.getOrNull("lowered"), o.getOrNull("lowered"));
    }
    if (difference != null) {
      return invalid("artifact does not verify: " + difference);
    }
    return Result.ok(rebuilt);
  }

  /** Decodes the lowered section's sites (the digest is checked against the rebuilt artifact). */
  private static Result<Map<String, Map<String, Expr>>> decodeLowered(JsonValue section) {
    if (!(section instanceof JsonObject l) || !(l.getOrNull("sites") instanceof JsonObject sites)
        || !(l.getOrNull("digest") instanceof JsonString)) {
      return invalid("artifact does not verify: lowered must be an object with a digest and sites");
    }
    Map<String, Map<String, Expr>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> def : sites.members().entrySet()) {
      if (!(def.getValue() instanceof JsonObject defSites)) {
        return invalid("artifact does not verify: lowered.sites." + def.getKey() + " must be an object");
      }
      Map<String, Expr> own = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> site : defSites.members().entrySet()) {
        Result<Expr> ir = ExprJson.decode(site.getValue());
        if (!(ir instanceof Result.Ok<Expr> ok)) {
          return invalid("artifact does not verify: lowered.sites." + def.getKey() + "." + site.getKey()
              + " is not expression IR: " + ir.diagnostics().get(0).message());
        }
        own.put(site.getKey(), ok.get());
      }
      out.put(def.getKey(), own);
    }
    return Result.ok(out);
  }

  private static <T> Result<T> invalid(String message) {
    return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, message));
  }

  private static JsonObject without(JsonObject o, String key) {
    Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
    m.remove(key);
    return JsonObject.of(m);
  }

  /** The first member where {@code recorded} differs from {@code computed}, or null if equal. */
  private static String firstDifference(String path, JsonValue computed, JsonValue recorded) {
    if (computed != null && computed.equals(recorded)) {
      return null;
    }
    if (computed instanceof JsonObject c && recorded instanceof JsonObject r) {
      Set<String> keys = new java.util.TreeSet<>(Canonical.CODE_POINT_ORDER);
      keys.addAll(c.members().keySet());
      keys.addAll(r.members().keySet());
      for (String k : keys) {
        String d = firstDifference(path.isEmpty() ? k : path + "." + k, c.getOrNull(k), r.getOrNull(k));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (computed instanceof JsonArray c && recorded instanceof JsonArray r && c.size() == r.size()) {
      for (int i = 0; i < c.size(); i++) {
        String d = firstDifference(path + "[" + i + "]", c.get(i), r.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (computed != null && recorded != null && Canonical.json(computed).equals(Canonical.json(recorded))) {
      return null;
    }
    String cs = computed == null ? "(missing)" : abbreviate(Canonical.json(computed));
    String rs = recorded == null ? "(missing)" : abbreviate(Canonical.json(recorded));
    return path + " is " + rs + ", expected " + cs;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Artifact a && a.provenance.equals(provenance) && a.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return provenance.artifactHash().hashCode();
  }

  @Override
  public String toString() {
    return "Artifact[" + provenance.artifactHash() + ", " + manifest.defs().size() + " definitions]";
  }
}
