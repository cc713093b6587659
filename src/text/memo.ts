/**
 * A string function remembered for the strings it was given, forgetting all at `max` entries:
 * for the titles every /timeline query folds again (thousands of articles, the same few titles).
 */
export function memoized(f: (s: string) => string, max: number): (s: string) => string {
  const known = new Map<string, string>();
  return (s) => {
    let out = known.get(s);
    if (out === undefined) {
      if (known.size >= max) known.clear();
      known.set(s, (out = f(s)));
    }
    return out;
  };
}

/**
 * What the last build and this one asked for, by key: a build starts with next(), and what neither
 * it nor the one before asked for is let go (a memo of a registry's words that follows the registry).
 */
export class BuildCache<K, V> {
  private previous = new Map<K, V>();
  private current = new Map<K, V>();

  next(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  get(k: K, make: (k: K) => V): V {
    if (this.current.has(k)) return this.current.get(k) as V;
    const v = this.previous.has(k) ? (this.previous.get(k) as V) : make(k);
    this.current.set(k, v);
    return v;
  }
}

/**
 * A cache keyed by text, pruned to the texts still in use (`keep`, `live` of them) once it holds more
 * than twice those and `slack` besides: what both keyword cuts and folded statements follow.
 */
export function keptFor<V>(cache: Map<string, V>, keep: Iterable<string>, live: number, slack: number): Map<string, V> {
  if (cache.size <= 2 * live + slack) return cache;
  const kept = new Map<string, V>();
  for (const t of keep) {
    const v = cache.get(t);
    if (v !== undefined) kept.set(t, v);
  }
  return kept;
}
