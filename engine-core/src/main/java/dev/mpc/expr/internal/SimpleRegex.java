package dev.mpc.expr.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DFA for a conservative, ASCII-only subset of RE2 syntax, answering the same question as
 * RE2/J's {@code Pattern.compile(p).matcher(text).find()} (no flags) in one left-to-right pass
 * without allocating. Immutable and thread-safe. Internal.
 *
 * <p>The subset: ASCII literal characters, the escapes {@code \a \f \n \r \t \v} and {@code \}
 * before ASCII punctuation, {@code .} (any code point but {@code \n}), classes {@code [...]} and
 * {@code [^...]} of ASCII characters, ranges and {@code \d \w \s \D \W \S} (RE2's ASCII
 * definitions: {@code [0-9]}, {@code [0-9A-Za-z_]}, {@code [\t\n\f\r ]}), the anchors {@code ^}
 * {@code \A} (start of text) and {@code $} {@code \z} (end of text), groups {@code (...)} and
 * {@code (?:...)}, alternation, and the quantifiers {@code * + ?} and {@code {m} {m,} {m,n}}
 * (bounds up to {@value #MAX_REPEAT}), greedy or lazy (the same for a yes/no search). Anything
 * else (flags, non-ASCII pattern characters, {@code \b}, POSIX or Unicode classes, ...), a
 * Thompson NFA over {@value #MAX_NFA} nodes or a DFA over {@value #MAX_STATES} states is
 * refused, and the caller keeps RE2/J.
 *
 * <p>The input alphabet is the 128 ASCII characters plus one symbol for every other code point:
 * no pattern in the subset can tell two non-ASCII code points apart. A surrogate pair is read as
 * one code point and a lone surrogate as one code point of its own, as RE2/J reads a
 * {@code CharSequence}. Unanchored search is built in: every state also holds the NFA's start
 * (the {@code .*?} prefix), so one pass decides whether any match exists.
 */
final class SimpleRegex {
  /** Most DFA states built before the pattern is refused. */
  static final int MAX_STATES = 256;
  /** Most Thompson NFA nodes before the pattern is refused. */
  static final int MAX_NFA = 512;
  /** Largest repetition bound accepted in {@code {m,n}}. */
  static final int MAX_REPEAT = 16;
  /** Deepest group nesting accepted. */
  static final int MAX_DEPTH = 32;
  /** Most NFA node visits spent building the DFA before the pattern is refused (bounds compile time). */
  static final int MAX_BUILD_WORK = 2_000_000;

  private static final int SYMBOLS = 129;
  private static final int OTHER = 128;
  private static final int DEAD = -1;
  private static final int MATCH = -2;

  /** Symbol (0..127, or {@link #OTHER}) to input class. */
  private final int[] classOf;
  private final int otherClass;
  private final int classes;
  /** Transitions, indexed by {@code state * classes + class}; states are stored pre-multiplied. */
  private final int[] next;
  /** Whether a state accepts at the end of the text, indexed by {@code state / classes}. */
  private final boolean[] endAccept;
  /** Pre-multiplied start state, or {@link #DEAD} / {@link #MATCH}. */
  private final int start;
  private final int states;

  private SimpleRegex(int[] classOf, int classes, int[] next, boolean[] endAccept, int start, int states) {
    this.classOf = classOf;
    this.otherClass = classOf[OTHER];
    this.classes = classes;
    this.next = next;
    this.endAccept = endAccept;
    this.start = start;
    this.states = states;
  }

  /** Compiles {@code pattern}, already accepted by RE2/J, or returns null when it is outside the subset. */
  static SimpleRegex compile(String pattern) {
    try {
      Parser p = new Parser(pattern);
      Re re = p.parse();
      Nfa nfa = new Nfa(p.sets);
      int first = nfa.compile(re, nfa.add(Nfa.MATCH, -1, -1, -1));
      return new Builder(nfa, first).build();
    } catch (Unsupported e) {
      return null;
    }
  }

  /** Number of DFA states (for tests). */
  int states() {
    return states;
  }

  /** Whether the pattern matches anywhere in {@code text}. */
  boolean find(String text) {
    int s = start;
    if (s < 0) {
      return s == MATCH;
    }
    final int[] cls = classOf;
    final int[] nx = next;
    final int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i++);
      int sym;
      if (c < 128) {
        sym = cls[c];
      } else {
        sym = otherClass;
        if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) {
          i++;
        }
      }
      s = nx[s + sym];
      if (s < 0) {
        return s == MATCH;
      }
    }
    return endAccept[s / classes];
  }

  /** Raised for any construct outside the subset; never escapes {@link #compile}. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  // ---------------------------------------------------------------- syntax tree

  private sealed interface Re permits Chars, Empty, Begin, End, Cat, Alt, Repeat {}

  /** One code point from the set with id {@code set}. */
  private record Chars(int set) implements Re {}

  private record Empty() implements Re {}

  private record Begin() implements Re {}

  private record End() implements Re {}

  private record Cat(List<Re> items) implements Re {}

  private record Alt(List<Re> items) implements Re {}

  /** {@code max} is -1 for no upper bound. */
  private record Repeat(Re sub, int min, int max) implements Re {}

  // ---------------------------------------------------------------- parser

  private static final class Parser {
    private final String s;
    private int pos;
    private int depth;
    final List<boolean[]> sets = new ArrayList<>();

    Parser(String s) {
      this.s = s;
    }

    Re parse() {
      Re re = alt();
      if (pos != s.length()) {
        throw new Unsupported();
      }
      return re;
    }

    private boolean more() {
      return pos < s.length();
    }

    private char peek() {
      return s.charAt(pos);
    }

    private Re alt() {
      List<Re> items = new ArrayList<>();
      items.add(cat());
      while (more() && peek() == '|') {
        pos++;
        items.add(cat());
      }
      return items.size() == 1 ? items.get(0) : new Alt(items);
    }

    private Re cat() {
      List<Re> items = new ArrayList<>();
      while (more() && peek() != '|' && peek() != ')') {
        items.add(quantified(atom()));
      }
      return items.isEmpty() ? new Empty() : items.size() == 1 ? items.get(0) : new Cat(items);
    }

    private Re quantified(Re atom) {
      if (!more()) {
        return atom;
      }
      char c = peek();
      Re r;
      if (c == '*') {
        pos++;
        r = new Repeat(atom, 0, -1);
      } else if (c == '+') {
        pos++;
        r = new Repeat(atom, 1, -1);
      } else if (c == '?') {
        pos++;
        r = new Repeat(atom, 0, 1);
      } else if (c == '{') {
        r = bounds(atom);
      } else {
        return atom;
      }
      if (more() && peek() == '?') {
        pos++; // lazy: the same language
      }
      if (more() && (peek() == '*' || peek() == '+' || peek() == '?' || peek() == '{')) {
        throw new Unsupported();
      }
      return r;
    }

    private Re bounds(Re atom) {
      pos++;
      int min = number();
      int max = min;
      if (more() && peek() == ',') {
        pos++;
        max = more() && peek() == '}' ? -1 : number();
      }
      if (!more() || peek() != '}') {
        throw new Unsupported();
      }
      pos++;
      if (max != -1 && max < min) {
        throw new Unsupported();
      }
      return new Repeat(atom, min, max);
    }

    private int number() {
      int start = pos;
      int v = 0;
      while (more() && peek() >= '0' && peek() <= '9' && pos - start < 3) {
        v = v * 10 + (peek() - '0');
        pos++;
      }
      if (pos == start || v > MAX_REPEAT) {
        throw new Unsupported();
      }
      return v;
    }

    private Re atom() {
      char c = peek();
      switch (c) {
        case '(' -> {
          pos++;
          if (more() && peek() == '?') {
            if (pos + 1 < s.length() && s.charAt(pos + 1) == ':') {
              pos += 2;
            } else {
              throw new Unsupported();
            }
          }
          if (++depth > MAX_DEPTH) {
            throw new Unsupported();
          }
          Re inner = alt();
          depth--;
          if (!more() || peek() != ')') {
            throw new Unsupported();
          }
          pos++;
          return inner;
        }
        case '[' -> {
          pos++;
          return new Chars(set(charClass()));
        }
        case '.' -> {
          pos++;
          boolean[] any = new boolean[SYMBOLS];
          Arrays.fill(any, true);
          any['\n'] = false;
          return new Chars(set(any));
        }
        case '^' -> {
          pos++;
          return new Begin();
        }
        case '$' -> {
          pos++;
          return new End();
        }
        case '\\' -> {
          pos++;
          if (!more()) {
            throw new Unsupported();
          }
          char e = peek();
          if (e == 'A') {
            pos++;
            return new Begin();
          }
          if (e == 'z') {
            pos++;
            return new End();
          }
          boolean[] perl = perlClass(e);
          if (perl != null) {
            pos++;
            return new Chars(set(perl));
          }
          return new Chars(set(single(escapedChar())));
        }
        case '*', '+', '?', '{', '}', ']', ')', '|' -> throw new Unsupported();
        default -> {
          if (c >= 128) {
            throw new Unsupported();
          }
          pos++;
          return new Chars(set(single(c)));
        }
      }
    }

    /** The character after a backslash (already consumed) that stands for one character. */
    private char escapedChar() {
      char e = peek();
      pos++;
      switch (e) {
        case 'a':
          return 7;
        case 'f':
          return '\f';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 't':
          return '\t';
        case 'v':
          return 11;
        default:
          if (e > 0x20 && e < 0x7f && !Character.isLetterOrDigit(e)) {
            return e;
          }
          throw new Unsupported();
      }
    }

    /** Parses a class after its {@code [}, through its {@code ]}. */
    private boolean[] charClass() {
      boolean[] in = new boolean[SYMBOLS];
      boolean negate = false;
      if (more() && peek() == '^') {
        negate = true;
        pos++;
      }
      boolean first = true;
      while (true) {
        if (!more()) {
          throw new Unsupported();
        }
        char c = peek();
        if (c == ']') {
          if (first) {
            throw new Unsupported();
          }
          pos++;
          break;
        }
        if (c == '[' || c >= 128) {
          throw new Unsupported();
        }
        if (c == '-') {
          if (!first && !(pos + 1 < s.length() && s.charAt(pos + 1) == ']')) {
            throw new Unsupported();
          }
          pos++;
          in['-'] = true;
          first = false;
          continue;
        }
        char lo;
        if (c == '\\') {
          pos++;
          if (!more()) {
            throw new Unsupported();
          }
          boolean[] perl = perlClass(peek());
          if (perl != null) {
            pos++;
            for (int i = 0; i < SYMBOLS; i++) {
              in[i] |= perl[i];
            }
            if (more() && peek() == '-' && !(pos + 1 < s.length() && s.charAt(pos + 1) == ']')) {
              throw new Unsupported();
            }
            first = false;
            continue;
          }
          lo = escapedChar();
        } else {
          pos++;
          lo = c;
        }
        char hi = lo;
        if (more() && peek() == '-' && pos + 1 < s.length() && s.charAt(pos + 1) != ']') {
          pos++;
          char d = peek();
          if (d == '[' || d >= 128) {
            throw new Unsupported();
          }
          if (d == '\\') {
            pos++;
            if (!more() || perlClass(peek()) != null) {
              throw new Unsupported();
            }
            hi = escapedChar();
          } else {
            pos++;
            hi = d;
          }
          if (hi < lo) {
            throw new Unsupported();
          }
        }
        for (int i = lo; i <= hi; i++) {
          in[i] = true;
        }
        first = false;
      }
      if (negate) {
        for (int i = 0; i < SYMBOLS; i++) {
          in[i] = !in[i];
        }
      }
      return in;
    }

    private int set(boolean[] chars) {
      sets.add(chars);
      return sets.size() - 1;
    }

    private static boolean[] single(char c) {
      boolean[] one = new boolean[SYMBOLS];
      one[c] = true;
      return one;
    }

    /** RE2's ASCII Perl classes, or null when {@code e} names none. */
    private static boolean[] perlClass(char e) {
      boolean[] r = new boolean[SYMBOLS];
      switch (Character.toLowerCase(e)) {
        case 'd' -> fill(r, '0', '9');
        case 'w' -> {
          fill(r, '0', '9');
          fill(r, 'A', 'Z');
          fill(r, 'a', 'z');
          r['_'] = true;
        }
        case 's' -> {
          r['\t'] = true;
          r['\n'] = true;
          r['\f'] = true;
          r['\r'] = true;
          r[' '] = true;
        }
        default -> {
          return null;
        }
      }
      if (e == 'D' || e == 'W' || e == 'S') {
        for (int i = 0; i < SYMBOLS; i++) {
          r[i] = !r[i];
        }
      } else if (e != 'd' && e != 'w' && e != 's') {
        return null;
      }
      return r;
    }

    private static void fill(boolean[] r, char lo, char hi) {
      for (int i = lo; i <= hi; i++) {
        r[i] = true;
      }
    }
  }

  // ---------------------------------------------------------------- Thompson NFA

  private static final class Nfa {
    static final int CHARS = 0;
    static final int SPLIT = 1;
    static final int BEGIN = 2;
    static final int END = 3;
    static final int MATCH = 4;

    final List<boolean[]> sets;
    int size;
    /** Calls of {@link #compile}: bounded, as an empty repeated group adds no node. */
    int work;
    final int[] op = new int[MAX_NFA];
    final int[] arg = new int[MAX_NFA];
    final int[] out1 = new int[MAX_NFA];
    final int[] out2 = new int[MAX_NFA];

    Nfa(List<boolean[]> sets) {
      this.sets = sets;
    }

    int add(int kind, int a, int o1, int o2) {
      if (size == MAX_NFA) {
        throw new Unsupported();
      }
      op[size] = kind;
      arg[size] = a;
      out1[size] = o1;
      out2[size] = o2;
      return size++;
    }

    /** Compiles {@code re} so that it continues at node {@code next}; returns its entry node. */
    int compile(Re re, int next) {
      if (++work > 4 * MAX_NFA) {
        throw new Unsupported();
      }
      if (re instanceof Chars c) {
        return add(CHARS, c.set(), next, -1);
      } else if (re instanceof Empty) {
        return next;
      } else if (re instanceof Begin) {
        return add(BEGIN, -1, next, -1);
      } else if (re instanceof End) {
        return add(END, -1, next, -1);
      } else if (re instanceof Cat cat) {
        int t = next;
        for (int i = cat.items().size() - 1; i >= 0; i--) {
          t = compile(cat.items().get(i), t);
        }
        return t;
      } else if (re instanceof Alt alt) {
        int t = compile(alt.items().get(alt.items().size() - 1), next);
        for (int i = alt.items().size() - 2; i >= 0; i--) {
          t = add(SPLIT, -1, compile(alt.items().get(i), next), t);
        }
        return t;
      }
      Repeat r = (Repeat) re;
      int t;
      if (r.max() == -1) {
        int loop = add(SPLIT, -1, -1, next);
        out1[loop] = compile(r.sub(), loop);
        t = loop;
      } else {
        t = next;
        for (int i = 0; i < r.max() - r.min(); i++) {
          t = add(SPLIT, -1, compile(r.sub(), t), next);
        }
      }
      for (int i = 0; i < r.min(); i++) {
        t = compile(r.sub(), t);
      }
      return t;
    }
  }

  // ---------------------------------------------------------------- subset construction

  private static final class Builder {
    private final Nfa nfa;
    private final int first;
    private final int[] stack;
    private final BitSet visited;
    private int work;

    Builder(Nfa nfa, int first) {
      this.nfa = nfa;
      this.first = first;
      this.stack = new int[3 * MAX_NFA + 2];
      this.visited = new BitSet(nfa.size);
    }

    /**
     * The nodes reachable from {@code seeds} without reading a character: characters, the match,
     * and end anchors (kept so that the end-of-text check can pass them later). Start anchors pass
     * only {@code atBegin}, end anchors only {@code atEnd}.
     */
    BitSet closure(BitSet seeds, boolean atBegin, boolean atEnd) {
      BitSet kept = new BitSet(nfa.size);
      visited.clear();
      int sp = 0;
      for (int i = seeds.nextSetBit(0); i >= 0; i = seeds.nextSetBit(i + 1)) {
        stack[sp++] = i;
      }
      while (sp > 0) {
        int n = stack[--sp];
        if (n < 0 || visited.get(n)) {
          continue;
        }
        visited.set(n);
        if (++work > MAX_BUILD_WORK) {
          throw new Unsupported();
        }
        switch (nfa.op[n]) {
          case Nfa.CHARS, Nfa.MATCH -> kept.set(n);
          case Nfa.SPLIT -> {
            stack[sp++] = nfa.out2[n];
            stack[sp++] = nfa.out1[n];
          }
          case Nfa.BEGIN -> {
            if (atBegin) {
              stack[sp++] = nfa.out1[n];
            }
          }
          default -> {
            kept.set(n);
            if (atEnd) {
              stack[sp++] = nfa.out1[n];
            }
          }
        }
      }
      return kept;
    }

    private boolean hasMatch(BitSet set) {
      for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
        if (nfa.op[i] == Nfa.MATCH) {
          return true;
        }
      }
      return false;
    }

    SimpleRegex build() {
      // Input classes: symbols that every character set treats alike share a class.
      int[] classOf = new int[SYMBOLS];
      List<Integer> representative = new ArrayList<>();
      Map<BitSet, Integer> bySignature = new HashMap<>();
      for (int sym = 0; sym < SYMBOLS; sym++) {
        BitSet sig = new BitSet();
        for (int k = 0; k < nfa.sets.size(); k++) {
          if (nfa.sets.get(k)[sym]) {
            sig.set(k);
          }
        }
        Integer id = bySignature.get(sig);
        if (id == null) {
          id = representative.size();
          bySignature.put(sig, id);
          representative.add(sym);
        }
        classOf[sym] = id;
      }
      int classes = representative.size();

      BitSet entry = new BitSet();
      entry.set(first);
      BitSet restart = closure(entry, false, false);
      List<BitSet> sets = new ArrayList<>();
      Map<BitSet, Integer> ids = new HashMap<>();
      BitSet initial = closure(entry, true, false);
      if (hasMatch(initial)) {
        return new SimpleRegex(classOf, classes, new int[0], new boolean[0], MATCH, 0);
      }
      sets.add(initial); // state 0, never shared: only it is at the start of the text
      List<int[]> rows = new ArrayList<>();
      for (int s = 0; s < sets.size(); s++) {
        BitSet cur = sets.get(s);
        int[] row = new int[classes];
        for (int k = 0; k < classes; k++) {
          int sym = representative.get(k);
          BitSet moved = new BitSet();
          for (int n = cur.nextSetBit(0); n >= 0; n = cur.nextSetBit(n + 1)) {
            work++;
            if (nfa.op[n] == Nfa.CHARS && nfa.sets.get(nfa.arg[n])[sym]) {
              moved.set(nfa.out1[n]);
            }
          }
          BitSet target = closure(moved, false, false);
          target.or(restart);
          if (hasMatch(target)) {
            row[k] = MATCH;
            continue;
          }
          Integer id = ids.get(target);
          if (id == null) {
            if (sets.size() == MAX_STATES) {
              throw new Unsupported();
            }
            id = sets.size();
            sets.add(target);
            ids.put(target, id);
          }
          row[k] = id;
        }
        rows.add(row);
      }
      int count = sets.size();
      boolean[] endAccept = new boolean[count];
      for (int s = 0; s < count; s++) {
        endAccept[s] = hasMatch(closure(sets.get(s), s == 0, true));
      }
      // Dead states: no match reachable, at any later position or at the end.
      boolean[] live = endAccept.clone();
      for (boolean changed = true; changed; ) {
        changed = false;
        for (int s = 0; s < count; s++) {
          if (!live[s]) {
            for (int t : rows.get(s)) {
              if (t == MATCH || t >= 0 && live[t]) {
                live[s] = true;
                changed = true;
                break;
              }
            }
          }
        }
      }
      int[] next = new int[count * classes];
      for (int s = 0; s < count; s++) {
        int[] row = rows.get(s);
        for (int k = 0; k < classes; k++) {
          int t = row[k];
          next[s * classes + k] = t == MATCH ? MATCH : live[t] ? t * classes : DEAD;
        }
      }
      return new SimpleRegex(classOf, classes, next, endAccept, live[0] ? 0 : DEAD, count);
    }
  }
}
