/**
 * A per-instance cache of reads, each entry reused while it is younger than the age its caller
 * accepts. The entry is the read's promise, stored when the read starts: concurrent callers
 * share one read, and the read started last is the one kept, so a slow earlier read never
 * replaces a later one. A read that fails is forgotten (unless a later one replaced it already).
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: Promise<V> }>();

  /**
   * @param maxEntries Entries kept at most; the oldest stored goes first (keys may come from
   *   documents, so the cache must not grow without bound).
   * @param clock Milliseconds now; tests pass their own.
   */
  constructor(
    private readonly maxEntries = 500,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached value when younger than `maxAgeMs` (0: never), else what `load` reads. */
  get(key: K, maxAgeMs: number, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.clock() - entry.at < maxAgeMs) return entry.value;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { at: this.clock(), value });
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets `key`, so the next `get` reads it (after this instance changed what it caches). */
  delete(key: K): void {
    this.entries.delete(key);
  }
}
