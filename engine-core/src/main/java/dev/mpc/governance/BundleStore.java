package dev.mpc.governance;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content-addressed storage of signed bundles, in the host's persistence: what a
 * {@link GovernedRuntime} activates is stored here by its digest before the active pointer moves,
 * so every other instance (and a later rollback) loads exactly those bytes and verifies them again.
 * Implementations must be thread-safe; the bytes under a digest never change.
 */
public interface BundleStore {
  /**
   * Stores {@code bytes} (a signed bundle's serialized form) under {@code digest} unless something
   * is stored there; whether the stored bytes are now exactly {@code bytes} (false: different bytes
   * were stored under that digest before, which a caller treats as an integrity failure).
   */
  boolean putIfAbsent(String digest, byte[] bytes);

  /** The bytes stored under {@code digest}, if any (a copy the caller may keep). */
  Optional<byte[]> get(String digest);

  /** A thread-safe in-memory store. */
  static BundleStore inMemory() {
    return new BundleStore() {
      private final ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();

      @Override
      public boolean putIfAbsent(String digest, byte[] bytes) {
        byte[] copy = bytes.clone();
        byte[] there = map.putIfAbsent(digest, copy);
        return there == null || Arrays.equals(there, copy);
      }

      @Override
      public Optional<byte[]> get(String digest) {
        byte[] b = map.get(digest);
        return b == null ? Optional.empty() : Optional.of(b.clone());
      }
    };
  }
}
