package dev.mpc.dsl.compile;

/**
 * Counters of a {@link RegistryCompiler}'s cache.
 *
 * <p>Immutable and thread-safe.
 *
 * @param identityHits compilations answered because the same AST object was compiled before
 * @param contentHits compilations answered because an equal manifest (same astHash) was compiled
 *     before with the same meta and engine version
 * @param misses compilations that had to validate and index
 * @param evictions artifacts evicted from the content tier because of its weight bound
 * @param cachedArtifacts artifacts currently held by the content tier
 * @param cachedWeight their total weight (canonical JSON chars)
 */
public record CompileCacheStats(
    long identityHits, long contentHits, long misses, long evictions, long cachedArtifacts, long cachedWeight) {}
