import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { articleParagraphs, type Article } from '../../src/corpus/article.ts';
import { SearchEngine } from '../../src/index/engine.ts';
import { forwardPassages } from '../../src/index/forward.ts';
import { toPassages } from '../../src/index/passages.ts';
import { FieldPostings, miniSearchOf, narrow, PeriodTerms } from '../../src/index/retrieval.ts';
import { segment } from '../../src/text/segment.ts';
import { isBigramTerm } from '../../src/index/terms.ts';
import { HAS_SHARED_CORPUS, SHARED_CORPUS_DIR, seedArticles } from '../support/corpus.ts';

async function realArticles(): Promise<Article[]> {
  const seeds = await seedArticles();
  return HAS_SHARED_CORPUS ? [...seeds, ...(await loadCorpus(SHARED_CORPUS_DIR)).articles] : seeds;
}

/**
 * Two engines over the same articles: `flat` as a build makes it (every period's MiniSearch made
 * from flat arrays at arrange()), `added` with each article after the first of its period put
 * into that period's MiniSearch with add(), one at a time, as an update does.
 */
function engines(articles: readonly Article[]): { flat: SearchEngine; added: SearchEngine } {
  const chunk = forwardPassages(articles, toPassages(articles), 'words+bigrams');
  const flat = new SearchEngine();
  for (const rec of flat.fromChunk(articles, chunk)) flat.put(rec);
  flat.arrange(articles.map((a) => a.id));
  const added = new SearchEngine();
  const recs = added.fromChunk(articles, chunk);
  const seen = new Set<string>();
  const firsts = recs.filter((r) => !seen.has(r.partition) && seen.add(r.partition));
  for (const rec of firsts) added.put(rec);
  added.arrange(firsts.map((r) => r.key));
  for (const rec of recs) if (!firsts.includes(rec)) added.put(rec);
  added.arrange(articles.map((a) => a.id));
  return { flat, added };
}

/** MiniSearch's serialisation with its terms sorted (the order its tree gives them in depends on the order they went in). */
function sortedIndex(json: ReturnType<typeof miniSearchOf>['toJSON'] extends () => infer J ? J | undefined : never) {
  if (!json) throw new Error('no such period');
  return { ...json, index: [...json.index].sort((x, y) => (x[0] < y[0] ? -1 : 1)) };
}

describe('a period made from flat arrays (build, load)', () => {
  it('GIVEN any real articles in any order THEN it retrieves exactly what MiniSearch retrieves after add()ing them one by one', async () => {
    const all = await realArticles();
    const vocabulary = engines(all).flat.vocabulary().filter((t) => !isBigramTerm(t));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(all, { minLength: 1 }),
        fc.array(fc.record({ term: fc.constantFrom(...vocabulary), weight: fc.double({ min: 0.1, max: 2, noNaN: true }) }), { minLength: 1, maxLength: 4 }),
        (articles, query) => {
          const { flat, added } = engines(articles);
          expect(flat.partitions().map((p) => [p.name, p.articles])).toEqual(added.partitions().map((p) => [p.name, p.articles]));
          // The same MiniSearch to the bit: documents, field lengths and their running means, every term's postings.
          for (const { name } of flat.partitions()) expect(sortedIndex(flat.periodJSON(name))).toEqual(sortedIndex(added.periodJSON(name)));
          expect(flat.retrieve(query, 20)).toEqual(added.retrieve(query, 20));
          expect(flat.search(query, 10)).toEqual(added.search(query, 10));
          const words = query.map((q) => q.term).slice(0, 2);
          expect(flat.all(words)).toEqual(added.all(words));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('THEN its MiniSearch is the same whether its terms go in through loadJS or straight into its term map', async () => {
    const { flat } = engines(await realArticles());
    for (const { name } of flat.partitions()) {
      const p = flat.periodIndex(name);
      expect(p.keys.length).toBeGreaterThan(0);
      const direct = miniSearchOf(p).toJSON();
      const viaLoadJS = miniSearchOf(p, { viaLoadJS: true }).toJSON();
      expect(sortedIndex(direct)).toEqual(sortedIndex(viaLoadJS));
    }
  });

  it('GIVEN the same adds, discards and vacuums by MiniSearch itself THEN a period over flat arrays stays the same as one of plain Maps', async () => {
    const all = await realArticles();
    const { flat } = engines(all);
    const name = flat.partitions().sort((x, y) => y.articles - x.articles)[0]?.name as string;
    const p = flat.periodIndex(name);
    const docOf = (a: Article) => ({ id: `${a.id}+`, title: segment(a.title).map((t) => t.term), body: articleParagraphs(a).flatMap((x) => segment(x).map((t) => t.term)) });
    const terms = p.terms.slice(0, 400);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.record({ op: fc.constant('discard' as const), k: fc.nat(p.keys.length - 1) }), fc.record({ op: fc.constant('add' as const), k: fc.nat(all.length - 1) }), fc.constant({ op: 'vacuum' as const, k: 0 })), { maxLength: 12 }),
        fc.array(fc.constantFrom(...terms), { minLength: 1, maxLength: 3 }),
        async (ops, query) => {
          const views = miniSearchOf(p);
          const maps = miniSearchOf(p, { viaLoadJS: true });
          const run = async (mini: typeof views): Promise<void> => {
            for (const { op, k } of ops) {
              if (op === 'discard' && mini.has(p.keys[k] as string)) mini.discard(p.keys[k] as string);
              else if (op === 'add' && !mini.has(`${all[k]?.id}+`)) mini.add(docOf(all[k] as Article));
              else if (op === 'vacuum') await mini.vacuum();
            }
          };
          await Promise.all([run(views), run(maps)]);
          expect(sortedIndex(views.toJSON())).toEqual(sortedIndex(maps.toJSON()));
          const q = { combineWith: 'OR' as const, tokenize: (text: string) => text.split('\u0000') };
          expect(views.search(query.join('\u0000'), q)).toEqual(maps.search(query.join('\u0000'), q));
          // Prefix and fuzzy search go through a tree the term table makes when asked (no tree otherwise).
          // (The matched terms come in the trees' order, which depends on the order terms went in: so
          // does the order scores are summed in, which moves their last bits.)
          const prefix = (query[0] as string).slice(0, 1);
          const sorted = (rs: ReturnType<typeof views.search>) =>
            rs.map((r) => ({ ...r, score: Number(r.score.toPrecision(10)), terms: [...r.terms].sort() })).sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
          expect(sorted(views.search(prefix, { ...q, prefix: true }))).toEqual(sorted(maps.search(prefix, { ...q, prefix: true })));
          expect(sorted(views.search(query[0] as string, { ...q, fuzzy: 1 }))).toEqual(sorted(maps.search(query[0] as string, { ...q, fuzzy: 1 })));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('GIVEN any sets and deletes THEN a term\'s postings over flat arrays answer as a Map of the same entries would, order included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(60), { maxLength: 30 }),
        fc.array(fc.record({ set: fc.boolean(), doc: fc.nat(70), freq: fc.integer({ min: 1, max: 5 }) }), { maxLength: 40 }),
        (flatDocs, ops) => {
          const docs = Uint32Array.from(flatDocs.sort((x, y) => x - y));
          const freqs = Uint32Array.from(docs, (d) => (d % 3) + 1);
          // The view's entries sit in the middle of larger arrays, as a term's do in a period's.
          const pad = (a: Uint32Array, x: number) => Uint32Array.from([x, ...a, x]);
          const view = new FieldPostings(pad(docs, 99), pad(freqs, 9), 1, docs.length + 1);
          const map = new Map<number, number>([...docs].map((d, k) => [d, freqs[k] as number]));
          for (const { set, doc, freq } of ops) {
            if (set) {
              view.set(doc, freq);
              map.set(doc, freq);
            } else expect(view.delete(doc)).toBe(map.delete(doc));
            expect(view.size).toBe(map.size);
          }
          expect([...view.entries()]).toEqual([...map.entries()]);
          expect([...view.keys()]).toEqual([...map.keys()]);
          const seen: [number, number][] = [];
          view.forEach((freq, doc) => seen.push([doc, freq]));
          expect(seen).toEqual([...map.entries()]);
          for (let doc = 0; doc <= 70; doc++) {
            expect(view.get(doc)).toBe(map.get(doc));
            expect(view.has(doc)).toBe(map.has(doc));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('GIVEN any sets, fetches and deletes of terms THEN a period\'s term table answers as a Map of the same entries would, order included', async () => {
    const { flat } = engines(await realArticles());
    const name = flat.partitions().sort((x, y) => y.articles - x.articles)[0]?.name as string;
    const p = flat.periodIndex(name);
    const known = p.terms.slice(0, 40);
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('set', 'fetch', 'delete', 'get'), term: fc.oneof(fc.constantFrom(...known), fc.constantFrom('新词甲', '新词乙', 'zz')) }), { maxLength: 40 }),
        (ops) => {
          const table = new PeriodTerms(p);
          const map = new Map(table.entries());
          for (const { op, term } of ops) {
            const data = new Map([[0, new Map([[0, 1]])]]);
            if (op === 'set') {
              table.set(term, data);
              map.set(term, data);
            } else if (op === 'fetch') {
              expect(table.fetch(term, () => data)).toBe(map.get(term) ?? (map.set(term, data), data));
            } else if (op === 'delete') expect(table.delete(term)).toBe(map.delete(term));
            else expect(table.get(term)).toBe(map.get(term));
            expect(table.size).toBe(map.size);
            expect(table.has(term)).toBe(map.has(term));
          }
          expect([...table.keys()]).toEqual([...map.keys()]);
          for (const [term, data] of table) expect(data).toBe(map.get(term));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('GIVEN any postings values THEN they are kept, in the narrowest array that holds them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(0xff), fc.nat(0xffff), fc.nat(0xffffffff)), { maxLength: 50 }), (values) => {
        const n = narrow(Uint32Array.from(values));
        expect([...n]).toEqual(values);
        const max = Math.max(0, ...values);
        expect(n.BYTES_PER_ELEMENT).toBe(max <= 0xff ? 1 : max <= 0xffff ? 2 : 4);
      }),
    );
  });

  it('GIVEN a period changed after it was made THEN the flat index a save writes is made again from its new records', async () => {
    const all = await realArticles();
    const { flat } = engines(all);
    const name = flat.partitions().sort((x, y) => y.articles - x.articles)[0]?.name as string;
    const before = flat.periodIndex(name);
    // Unchanged: the index the period's MiniSearch was made from.
    expect(flat.periodIndex(name)).toBe(before);
    const gone = flat.byPeriod().get(name)?.[0];
    if (!gone) throw new Error('no article in the period');
    flat.remove(gone.key);
    flat.arrange(all.filter((a) => a.id !== gone.key).map((a) => a.id));
    const after = flat.periodIndex(name);
    expect(after.keys).not.toContain(gone.key);
    const fresh = engines(all.filter((a) => a.id !== gone.key)).flat.periodIndex(name);
    expect(after.keys).toEqual(fresh.keys);
    expect(sortedIndex(miniSearchOf(after).toJSON())).toEqual(sortedIndex(miniSearchOf(fresh).toJSON()));
  });
});
