/**
 * Term ↔ dense id, ids in order of first sight: the vocabulary of the forward-index builder and of
 * the engine. Terms are found through an open-addressing table of ids (a typed array, at most half
 * full) rather than a Map: a 10k archive has ~570k terms (words and bigrams), and a snapshot load
 * that put them all in a Map spent ~0.5 s and ~20 MB on it; the table is made in a few tens of ms.
 */
export class Vocabulary {
  // Slot → term id + 1 (0: empty); the slot count is a power of two.
  private slots = new Int32Array(1 << 10);

  constructor(readonly terms: string[] = []) {}

  /** A vocabulary of these terms, ids in this order (a stored vocabulary); a term given twice is an error. */
  static of(terms: readonly string[]): Vocabulary {
    return Vocabulary.over(terms.slice());
  }

  /**
   * A vocabulary over this very array (not copied: a period's term list, which it must not outlive
   * changed); ids in its order; a term given twice is an error.
   */
  static over(terms: string[]): Vocabulary {
    const v = new Vocabulary(terms);
    let size = v.slots.length;
    while (size < terms.length * 2) size *= 2;
    v.slots = new Int32Array(size);
    terms.forEach((term, t) => {
      const at = v.slot(term);
      if (v.slots[at] !== 0) throw new Error(`vocabulary: the term ${JSON.stringify(term)} is listed twice`);
      v.slots[at] = t + 1;
    });
    return v;
  }

  /** The term's id, or undefined when it was never seen. */
  get(term: string): number | undefined {
    const id = this.slots[this.slot(term)] as number;
    return id === 0 ? undefined : id - 1;
  }

  /** The term's id, giving it the next one when it is new. */
  intern(term: string): number {
    const at = this.slot(term);
    const id = this.slots[at] as number;
    if (id !== 0) return id - 1;
    this.terms.push(term);
    this.slots[at] = this.terms.length;
    if (this.terms.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return this.terms.length - 1;
  }

  get size(): number {
    return this.terms.length;
  }

  /** The slot holding the term, or the empty slot where it would go (linear probing). */
  private slot(term: string): number {
    const mask = this.slots.length - 1;
    const { slots, terms } = this;
    for (let at = hash(term) & mask; ; at = (at + 1) & mask) {
      const id = slots[at] as number;
      if (id === 0 || terms[id - 1] === term) return at;
    }
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    this.terms.forEach((term, t) => {
      let at = hash(term) & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = t + 1;
    });
    this.slots = slots;
  }
}

/** FNV-1a over the UTF-16 units. */
function hash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
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
