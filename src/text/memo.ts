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
