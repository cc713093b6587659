import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { passageText, toPassages } from '../../src/index/passages.ts';
import { CASES_DIR, SEEDS_DIR, SHARED_CORPUS_DIR, caseName, defaultCaseFiles, loadCaseFile, type SourcedCase } from '../../bench/eval.ts';

/**
 * Every label of tests/eval must point at real text: its `contains` an exact substring of one
 * passage (as parsed and as the index cuts passages) of the file it names. Files of
 * ../shared/corpus are checked when that folder is present.
 */
describe('labelled cases', async () => {
  const dirs = existsSync(SHARED_CORPUS_DIR) ? [SEEDS_DIR, SHARED_CORPUS_DIR] : [SEEDS_DIR];
  const corpus = await loadCorpus(dirs);
  const passages = toPassages(corpus.articles);
  const byFile = new Map<string, string[]>();
  for (const p of passages) {
    const file = corpus.articles[p.article]?.file ?? '';
    byFile.set(file, [...(byFile.get(file) ?? []), passageText(corpus.articles, p)]);
  }
  const files = await defaultCaseFiles();
  const cases: SourcedCase[] = (await Promise.all(files.map(loadCaseFile))).flat();
  const checkable = (file: string): boolean => byFile.has(file) || !existsSync(SHARED_CORPUS_DIR);

  it('parse with the documented schema', () => {
    expect(files.map((f) => f.replace(`${CASES_DIR}/`, ''))).toEqual(
      expect.arrayContaining(['ask-seeds.json', 'ask-corpus.json', 'who-seeds.json', 'timeline-seeds.json']),
    );
    const count = (source: string): number => cases.filter((c) => c.source === source).length;
    expect(count('ask-seeds.json')).toBeGreaterThanOrEqual(10);
    expect(count('ask-corpus.json')).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [`${c.source} ${caseName(c.case)}`, c] as const))('%s: every contains is in one passage of its file', (_name, c) => {
    const items =
      c.case.kind === 'ask' ? c.case.relevant : c.case.kind === 'who' ? [...c.case.statements, ...c.case.not_statements] : c.case.events;
    for (const item of items) {
      if (!byFile.has(item.file)) {
        // A file of ../shared/corpus when that folder is absent: it can only be named, not checked.
        expect(checkable(item.file), `${item.file} is not in ${dirs.join(', ')}`).toBe(true);
        expect(item.file).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
        continue;
      }
      const hits = (byFile.get(item.file) ?? []).filter((t) => t.includes(item.contains));
      expect(hits.length, `${item.file}: “${item.contains}”`).toBeGreaterThan(0);
    }
  });

  it('a person’s statements are never also listed as someone else’s quotation of the same case', () => {
    for (const c of cases) {
      if (c.case.kind !== 'who') continue;
      for (const s of c.case.statements) {
        for (const n of c.case.not_statements) {
          if (s.file !== n.file) continue;
          expect(s.contains.includes(n.contains) || n.contains.includes(s.contains), `${c.case.person}: ${s.contains} / ${n.contains}`).toBe(false);
        }
      }
    }
  });

  it('timeline events come with dates of the documented shapes', () => {
    for (const c of cases) {
      if (c.case.kind !== 'timeline') continue;
      for (const e of c.case.events) expect(e.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
  });
});

