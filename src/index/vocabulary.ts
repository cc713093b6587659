/** Term ↔ dense id, ids in order of first sight: the vocabulary of the forward-index builder and of the engine. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  /** The term's id, or undefined when it was never seen. */
  get(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The term's id, giving it the next one when it is new. */
  intern(term: string): number {
    let t = this.ids.get(term);
    if (t === undefined) {
      t = this.terms.length;
      this.ids.set(term, t);
      this.terms.push(term);
    }
    return t;
  }

  get size(): number {
    return this.terms.length;
  }
}

type Growable = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** `array` itself when it holds `length` values, else a copy of it doubled until it does (the rest zero). */
export function grown<T extends Growable>(array: T, length: number): T {
  if (length <= array.length) return array;
  let cap = Math.max(1, array.length);
  while (cap < length) cap *= 2;
  const copy = new (array.constructor as new (n: number) => T)(cap);
  copy.set(array);
  return copy;
}
