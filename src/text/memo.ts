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
