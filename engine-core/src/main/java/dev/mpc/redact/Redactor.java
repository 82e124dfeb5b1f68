package dev.mpc.redact;

import dev.mpc.contract.Decision;
import dev.mpc.contract.Intent;
import dev.mpc.contract.Message;
import dev.mpc.contract.Reason;
import dev.mpc.contract.Trace;
import dev.mpc.contract.TraceEvent;
import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.json.JsonArray;
import dev.mpc.json.JsonInt;
import dev.mpc.json.JsonObject;
import dev.mpc.json.JsonString;
import dev.mpc.json.JsonValue;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Masks secrets in JSON values, free text and the contract types (decisions, traces,
 * diagnostics), by key and by value.
 *
 * <p><b>By key.</b> A member of an object is sensitive when its key matches a deny key (see
 * {@link KeyMatching}; default {@link KeyMatching#SUFFIX}, ignoring case and {@code - _ .}
 * separators) or a deny pattern matches its path or its bare key. Paths are upstream's: a root
 * member's path is its key, a nested one's {@code parent.key}, array elements add {@code []}
 * ({@code items[].apiKey}). Patterns are globs (see {@code docs/decisions.md}): {@code *} any run
 * of characters including {@code .}, {@code ?}, {@code [a-z]}, {@code [!x]}, and {@code **.} for
 * any depth including the root ({@code **.secret} matches {@code secret} and {@code a.b.secret});
 * they ignore case unless {@link Builder#caseSensitivePatterns(boolean)}. A sensitive member's whole
 * value (object, array, scalar, and {@code null} unless {@link Builder#redactNulls(boolean) false})
 * becomes the mask.
 *
 * <p><b>By value.</b> Every string anywhere (and every integer that looks like a card number) is
 * scanned by the {@link Detector}s, all on by default: URL passwords, {@code Bearer}/{@code Basic}
 * credentials, JWTs, card numbers (last four kept), and {@code key=value} pairs for sensitive keys
 * in free text.
 *
 * <p>Redaction is copy-on-write (a value in which nothing was masked is returned as the same
 * instance), idempotent, iterative (no nesting depth overflows the stack) and never throws for a
 * value.
 *
 * <pre>{@code
 * Redactor r = Redactor.builder().denyKeys("pin").denyPatterns("**.internal_*").build().orElseThrow();
 * JsonValue safe = r.redact(payload);
 * String line = r.redactText("login failed: password=hunter2");  // "login failed: password=***"
 * }</pre>
 *
 * <p>Immutable and thread-safe (the builder is not).
 */
public final class Redactor {
  /** The mask used unless configured: {@value}. */
  public static final String DEFAULT_MASK = "***";

  /**
   * The default deny keys: upstream's nine ({@code password}, {@code secret}, {@code token},
   * {@code apiKey}, {@code api_key}, {@code authorization}, {@code ssn}, {@code creditCard},
   * {@code credit_card}) and the other names secrets commonly travel under.
   */
  public static final List<String> DEFAULT_DENY_KEYS = List.of(
      "password", "secret", "token", "apiKey", "api_key", "authorization", "ssn", "creditCard", "credit_card",
      "passwd", "pwd", "passphrase", "privateKey", "private_key", "clientSecret", "client_secret",
      "accessToken", "access_token", "refreshToken", "refresh_token", "idToken", "sessionId", "session_id",
      "cookie", "set-cookie", "x-api-key", "credentials", "databaseUrl", "DATABASE_URL", "connectionString",
      "connection_string", "dsn", "cardNumber", "card_number", "cvv", "cvc");

  private static final Redactor STANDARD = builder().build().orElseThrow();

  private final List<String> denyKeys;
  private final Set<String> normalizedKeys;
  private final List<Glob> patterns;
  private final KeyMatching keyMatching;
  private final String mask;
  private final JsonString maskJson;
  private final boolean redactNulls;
  private final Set<Detector> detectors;
  private final TextScanner scanner;

  private Redactor(Builder b, List<String> keys, List<Glob> patterns) {
    this.denyKeys = List.copyOf(keys);
    this.keyMatching = b.keyMatching;
    Set<String> norm = new LinkedHashSet<>();
    for (String k : keys) {
      norm.add(keyMatching.normalize(k));
    }
    this.normalizedKeys = Collections.unmodifiableSet(norm);
    this.patterns = List.copyOf(patterns);
    this.mask = b.mask;
    this.maskJson = JsonString.of(b.mask);
    this.redactNulls = b.redactNulls;
    this.detectors = Collections.unmodifiableSet(b.detectors.isEmpty() ? EnumSet.noneOf(Detector.class)
        : EnumSet.copyOf(b.detectors));
    this.scanner = new TextScanner(detectors, mask, this::isSensitiveKey);
  }

  /** The default redactor: default deny keys, no patterns, mask {@value #DEFAULT_MASK}, every detector. */
  public static Redactor standard() {
    return STANDARD;
  }

  /** A new builder with the defaults of {@link #standard()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The deny keys in effect (defaults first unless replaced, then the added ones). */
  public List<String> denyKeys() {
    return denyKeys;
  }

  /** The deny patterns, as written. */
  public List<String> denyPatterns() {
    return patterns.stream().map(Glob::toString).toList();
  }

  /** The mask value. */
  public String maskValue() {
    return mask;
  }

  /** The detectors in effect. */
  public Set<Detector> detectors() {
    return detectors;
  }

  /** Whether a member named {@code key} is sensitive by the deny keys alone (patterns need a path). */
  public boolean isSensitiveKey(String key) {
    String k = keyMatching.normalize(key);
    if (normalizedKeys.contains(k)) {
      return true;
    }
    if (keyMatching == KeyMatching.SUFFIX) {
      for (String d : normalizedKeys) {
        if (!d.isEmpty() && k.endsWith(d)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isSensitive(String key, String path) {
    if (isSensitiveKey(key)) {
      return true;
    }
    for (Glob g : patterns) {
      if (g.matches(path) || g.matches(key)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} with every detected secret masked; the same instance when nothing was found. */
  public String redactText(String text) {
    Objects.requireNonNull(text, "text");
    return scanner.redact(text);
  }

  /** {@code value} with its secrets masked; the same instance when nothing was masked. */
  public JsonValue redact(JsonValue value) {
    Objects.requireNonNull(value, "value");
    if (!(value instanceof JsonObject) && !(value instanceof JsonArray)) {
      return scalar(value);
    }
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(value, ""));
    JsonValue finished = null;
    while (true) {
      Frame f = stack.peek();
      if (finished != null) {
        f.set(f.index - 1, finished);
        finished = null;
      }
      if (f.index == f.size()) {
        JsonValue out = f.build();
        stack.pop();
        if (stack.isEmpty()) {
          return out;
        }
        finished = out;
        continue;
      }
      int i = f.index++;
      JsonValue v = f.value(i);
      String childPath;
      if (f.keys == null) {
        childPath = patterns.isEmpty() ? "" : f.path + "[]";
      } else {
        String key = f.keys.get(i);
        childPath = patterns.isEmpty() ? "" : f.path.isEmpty() ? key : f.path + "." + key;
        if (isSensitive(key, childPath)) {
          f.set(i, v.isNull() && !redactNulls || v.equals(maskJson) ? v : maskJson);
          continue;
        }
      }
      if (v instanceof JsonObject || v instanceof JsonArray) {
        stack.push(new Frame(v, childPath));
      } else {
        f.set(i, scalar(v));
      }
    }
  }

  /** {@code value} with its secrets masked; the same instance when nothing was masked. */
  public JsonObject redact(JsonObject value) {
    return (JsonObject) redact((JsonValue) value);
  }

  private JsonValue scalar(JsonValue v) {
    if (v instanceof JsonString s) {
      String r = scanner.redact(s.value());
      return r == s.value() ? v : JsonString.of(r);
    }
    if (v instanceof JsonInt i && detectors.contains(Detector.CARD_NUMBER)) {
      BigInteger n = i.value();
      if (n.signum() > 0 && n.bitLength() <= 64) {
        String digits = n.toString();
        if (TextScanner.isCard(digits, digits.length())) {
          return JsonString.of(mask + digits.substring(digits.length() - 4));
        }
      }
    }
    return v;
  }

  /** One object or array being walked. */
  private static final class Frame {
    final JsonValue container;
    final String path;
    final List<String> keys;
    final List<JsonValue> values;
    JsonValue[] replaced;
    int index;

    Frame(JsonValue container, String path) {
      this.container = container;
      this.path = path;
      if (container instanceof JsonObject o) {
        this.keys = new ArrayList<>(o.members().keySet());
        this.values = new ArrayList<>(o.members().values());
      } else {
        this.keys = null;
        this.values = ((JsonArray) container).items();
      }
    }

    int size() {
      return values.size();
    }

    JsonValue value(int i) {
      return values.get(i);
    }

    void set(int i, JsonValue v) {
      if (v == values.get(i)) {
        return;
      }
      if (replaced == null) {
        replaced = values.toArray(new JsonValue[0]);
      }
      replaced[i] = v;
    }

    JsonValue build() {
      if (replaced == null) {
        return container;
      }
      if (keys == null) {
        return JsonArray.of(List.of(replaced));
      }
      LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>(keys.size() * 4 / 3 + 1);
      for (int i = 0; i < keys.size(); i++) {
        m.put(keys.get(i), replaced[i]);
      }
      return JsonObject.of(m);
    }
  }

  // ============================================================================ contract types

  /**
   * {@code d} with its message, details and causes (at any depth) redacted; the same instance when
   * nothing was masked. Code, severity, path and source are kept.
   */
  public Diagnostic redact(Diagnostic d) {
    ArrayDeque<CauseFrame> stack = new ArrayDeque<>();
    stack.push(new CauseFrame(Objects.requireNonNull(d, "diagnostic")));
    Diagnostic finished = null;
    while (true) {
      CauseFrame f = stack.peek();
      if (finished != null) {
        f.accept(finished);
        finished = null;
      }
      List<Diagnostic> causes = f.original.causes();
      if (f.index < causes.size()) {
        stack.push(new CauseFrame(causes.get(f.index++)));
        continue;
      }
      Diagnostic o = f.original;
      String message = text(o.message());
      JsonObject details = redact(o.details());
      Diagnostic out = message == o.message() && details == o.details() && f.causes == null ? o
          : new Diagnostic(o.code(), message, o.severity(), o.path(), o.source(), details,
              f.causes == null ? o.causes() : f.causes);
      stack.pop();
      if (stack.isEmpty()) {
        return out;
      }
      finished = out;
    }
  }

  /** One diagnostic whose causes are being redacted (iteratively: cause chains of any depth). */
  private static final class CauseFrame {
    final Diagnostic original;
    int index;
    List<Diagnostic> causes;

    CauseFrame(Diagnostic original) {
      this.original = original;
    }

    void accept(Diagnostic redactedCause) {
      int i = index - 1;
      if (causes == null && redactedCause == original.causes().get(i)) {
        return;
      }
      if (causes == null) {
        causes = new ArrayList<>(original.causes().subList(0, i));
      }
      causes.add(redactedCause);
    }
  }

  /** {@code t} with every event's data and result redacted; the same instance when nothing was masked. */
  public Trace redact(Trace t) {
    List<TraceEvent> events = map(t.events(), e -> {
      JsonObject data = redact(e.data());
      JsonObject result = redact(e.result());
      return data == e.data() && result == e.result() ? e
          : new TraceEvent(e.t(), e.at(), data, result, e.durationMs());
    });
    return events == t.events() ? t : new Trace(t.spanId(), t.parentSpanId(), t.engine(), events);
  }

  /**
   * {@code d} with its reasons' summaries and data, messages' texts and params, intents' targets
   * and params, and trace redacted; the same instance when nothing was masked. Codes, kinds,
   * idempotency keys and meta (hashes, engine, span ids) are kept.
   */
  public Decision redact(Decision d) {
    List<Reason> reasons = map(d.reasons(), r -> {
      Optional<String> summary = r.summary().map(this::redactText);
      JsonObject data = redact(r.data());
      return sameText(summary, r.summary()) && data == r.data() ? r
          : new Reason(r.code(), summary, r.path(), data);
    });
    List<Message> messages = map(d.messages(), m -> {
      String text = redactText(m.text());
      JsonObject params = redact(m.params());
      return text == m.text() && params == m.params() ? m : new Message(m.level(), text, m.i18nKey(), params);
    });
    List<Intent> intents = map(d.intents(), i -> {
      Optional<String> target = i.target().map(this::text);
      JsonObject params = redact(i.params());
      return sameText(target, i.target()) && params == i.params() ? i
          : new Intent(i.kind(), target, params, i.idempotencyKey());
    });
    Optional<Trace> trace = d.trace().map(this::redact);
    if (reasons == d.reasons() && messages == d.messages() && intents == d.intents()
        && (trace.isEmpty() || trace.get() == d.trace().get())) {
      return d;
    }
    return new Decision(d.allow(), reasons, messages, intents, trace, d.meta());
  }

  /** Redacted text that is never empty (for fields that must not be). */
  private String text(String s) {
    String r = redactText(s);
    return r.isEmpty() ? (mask.isEmpty() ? DEFAULT_MASK : mask) : r;
  }

  private static boolean sameText(Optional<String> a, Optional<String> b) {
    return a.isEmpty() || a.get() == b.get();
  }

  private static <T> List<T> map(List<T> items, java.util.function.UnaryOperator<T> f) {
    List<T> out = null;
    for (int i = 0; i < items.size(); i++) {
      T t = items.get(i);
      T r = f.apply(t);
      if (r != t && out == null) {
        out = new ArrayList<>(items.subList(0, i));
      }
      if (out != null) {
        out.add(r);
      }
    }
    return out == null ? items : out;
  }

  /**
   * Builds a {@link Redactor}; {@link #build()} checks every setting at once. Not thread-safe;
   * confine to one thread.
   */
  public static final class Builder {
    private final List<String> keys = new ArrayList<>();
    private boolean replaceDefaults;
    private final List<String> patterns = new ArrayList<>();
    private boolean caseSensitivePatterns;
    private KeyMatching keyMatching = KeyMatching.SUFFIX;
    private String mask = DEFAULT_MASK;
    private boolean redactNulls = true;
    private Set<Detector> detectors = EnumSet.allOf(Detector.class);

    private Builder() {}

    /** Adds deny keys (to the defaults, unless {@link #replaceDefaultKeys()}). */
    public Builder denyKeys(String... keys) {
      return denyKeys(List.of(keys));
    }

    /** Adds deny keys (to the defaults, unless {@link #replaceDefaultKeys()}). */
    public Builder denyKeys(Collection<String> keys) {
      for (String k : keys) {
        this.keys.add(Objects.requireNonNull(k, "deny key"));
      }
      return this;
    }

    /** Uses only the deny keys added with {@link #denyKeys}, not {@link #DEFAULT_DENY_KEYS}. */
    public Builder replaceDefaultKeys() {
      this.replaceDefaults = true;
      return this;
    }

    /** Adds deny patterns (globs over the member path and the bare key). */
    public Builder denyPatterns(String... patterns) {
      return denyPatterns(List.of(patterns));
    }

    /** Adds deny patterns (globs over the member path and the bare key). */
    public Builder denyPatterns(Collection<String> patterns) {
      for (String p : patterns) {
        this.patterns.add(Objects.requireNonNull(p, "deny pattern"));
      }
      return this;
    }

    /** Whether patterns respect case (default false: they ignore case, as keys do). */
    public Builder caseSensitivePatterns(boolean caseSensitive) {
      this.caseSensitivePatterns = caseSensitive;
      return this;
    }

    /** How keys are compared with deny keys (default {@link KeyMatching#SUFFIX}). */
    public Builder keyMatching(KeyMatching keyMatching) {
      this.keyMatching = Objects.requireNonNull(keyMatching, "keyMatching");
      return this;
    }

    /** The mask value (default {@value #DEFAULT_MASK}). */
    public Builder maskValue(String mask) {
      this.mask = Objects.requireNonNull(mask, "mask");
      return this;
    }

    /** Whether a {@code null} under a sensitive key is masked too (default true). */
    public Builder redactNulls(boolean redactNulls) {
      this.redactNulls = redactNulls;
      return this;
    }

    /** The value-based detectors (default: all; an empty set turns them off). */
    public Builder detectors(Set<Detector> detectors) {
      this.detectors = EnumSet.noneOf(Detector.class);
      this.detectors.addAll(detectors);
      return this;
    }

    /**
     * Builds the redactor. Every problem is reported at once with {@code E_PARSE_INVALID_TOKEN} and
     * its path ({@code redaction.denyKeys[i]}, {@code redaction.denyPatterns[i]},
     * {@code redaction.maskValue}): a blank deny key (or one that is only separators under the
     * key matching), an invalid pattern (empty, unclosed {@code [}, more than
     * {@value Glob#MAX_DOUBLE_STARS} {@code **}, longer than {@value Glob#MAX_LENGTH} chars), a mask
     * with an unpaired surrogate.
     */
    public Result<Redactor> build() {
      List<Diagnostic> problems = new ArrayList<>();
      List<String> all = new ArrayList<>();
      if (!replaceDefaults) {
        all.addAll(DEFAULT_DENY_KEYS);
      }
      for (int i = 0; i < keys.size(); i++) {
        String k = keys.get(i);
        if (k.isBlank() || keyMatching.normalize(k).isEmpty()) {
          problems.add(problem("redaction.denyKeys[" + i + "]", "Deny key '" + k + "' is empty"));
        } else {
          all.add(k);
        }
      }
      List<Glob> globs = new ArrayList<>();
      for (int i = 0; i < patterns.size(); i++) {
        try {
          globs.add(Glob.compile(patterns.get(i), caseSensitivePatterns));
        } catch (IllegalArgumentException e) {
          problems.add(problem("redaction.denyPatterns[" + i + "]",
              "Deny pattern '" + patterns.get(i) + "' is invalid: " + e.getMessage()));
        }
      }
      if (JsonString.firstUnpairedSurrogate(mask) >= 0) {
        problems.add(problem("redaction.maskValue", "Mask value contains an unpaired surrogate"));
      }
      if (!problems.isEmpty()) {
        return Result.failed(problems);
      }
      return Result.ok(new Redactor(this, new ArrayList<>(new LinkedHashSet<>(all)), globs));
    }

    private static Diagnostic problem(String path, String message) {
      return Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, message).withPath(path);
    }
  }
}
