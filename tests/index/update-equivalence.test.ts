import fc from 'fast-check';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/library.ts';
import { openLibrary } from '../../src/open.ts';
import { HAS_SHARED_CORPUS, SEEDS_DIR, SHARED_CORPUS_DIR } from '../support/corpus.ts';

const root = mkdtempSync(join(tmpdir(), 'shiji-update-eq-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Real articles: the seeds, and a few of the shared corpus when it is there.
const pool = [
  ...readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).map((f) => join(SEEDS_DIR, f)),
  ...(HAS_SHARED_CORPUS ? readdirSync(SHARED_CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 6).map((f) => join(SHARED_CORPUS_DIR, f)) : []),
];

const QUERIES = ['驻日美军经费', '拜登', '关税', 'TPP', '日美同盟', '岸田文雄访问美国'];
const PEOPLE = ['拜登', '岸田文雄', 'Jens Stoltenberg', '林芳正'];
const TOPICS = ['驻日美军', 'TPP', '关税'];

/** Everything a user can see, for the queries above. */
function answers(library: Library): unknown {
  return {
    stats: library.stats(),
    ask: QUERIES.map((q) => library.ask(q, { limit: 8 })),
    who: PEOPLE.map((p) => library.who(p, { limit: 8 })),
    timeline: TOPICS.map((t) => library.timeline(t, { limit: 10 })),
    topics: library.topics('', 40),
    people: library.people('', 40),
  };
}

type Edit = { kind: 'add'; from: number } | { kind: 'remove'; at: number } | { kind: 'replace'; at: number; from: number } | { kind: 'touch'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), from: fc.nat(pool.length - 1) }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat(20) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(20), from: fc.nat(pool.length - 1) }),
  // The same bytes written again (rsync -a of an unchanged file).
  fc.record({ kind: fc.constant('touch' as const), at: fc.nat(20) }),
);

describe('library.update', () => {
  it('GIVEN random additions, replacements and removals of real articles THEN it answers exactly as a rebuild of the same files', async () => {
    let run = 0;
    let rebuilds = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const dir = join(root, `c${run++}`);
        const { mkdirSync } = await import('node:fs');
        mkdirSync(dir);
        pool.slice(0, 4).forEach((f, i) => copyFileSync(f, join(dir, `${String(i).padStart(3, '0')}_start.txt`)));
        const { library } = await openLibrary({ corpusDirs: [dir], indexPath: null, log: (l) => (rebuilds += l.includes('rebuilding') ? 1 : 0) });
        const touched: string[] = [];
        let serial = 100;
        for (const e of edits) {
          const present = readdirSync(dir).sort();
          if (e.kind === 'add') {
            const f = join(dir, `${serial++}_added.txt`);
            copyFileSync(pool[e.from]!, f);
            touched.push(f);
          } else if (present.length) {
            const f = join(dir, present[e.at % present.length]!);
            if (e.kind === 'remove') unlinkSync(f);
            else if (e.kind === 'replace') writeFileSync(f, readFileSync(pool[e.from]!));
            touched.push(f);
          }
        }
        await library.update(touched);
        const rebuilt = await openLibrary({ corpusDirs: [dir], indexPath: null });
        const got = answers(library) as Record<string, unknown>;
        const want = answers(rebuilt.library) as Record<string, unknown>;
        for (const k of Object.keys(want)) expect(JSON.stringify(got[k], null, 1), k).toEqual(JSON.stringify(want[k], null, 1));
      }),
      { numRuns: 8 },
    );
    // Every edit is made in place, those that teach jieba a name or take one away too (update.test.ts pins both down).
    expect(run).toBeGreaterThan(0);
    expect(rebuilds).toBe(0);
  }, 240_000);
});
