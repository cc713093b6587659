import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parseArticle } from '../../src/corpus/parse.ts';
import { buildIndex } from '../../src/index/index.ts';
import { createLibrary } from '../../src/open.ts';
import { formatReport, evaluate, loadCaseFile, type SourcedCase } from '../../bench/eval.ts';
import { synthesize, toExportText } from '../../bench/synth.ts';

/**
 * A small version of `npm run bench` and `npm run eval`: about 50 articles (the seeds and
 * recombinations of them), a few cases. It checks shapes and sane values, never timings.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEEDS = join(ROOT, 'seeds');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

let seeds: Article[] = [];
let tmp = '';

beforeAll(async () => {
  seeds = (await loadCorpus([SEEDS])).articles;
  tmp = await mkdtemp(join(tmpdir(), 'shiji-smoke-'));
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('synth', () => {
  it('keeps the real articles first and recombines real paragraphs, deterministically', () => {
    const a = synthesize(seeds, { size: 50, seed: 7 });
    const b = synthesize(seeds, { size: 50, seed: 7 });
    const c = synthesize(seeds, { size: 50, seed: 8 });
    expect(a.articles).toHaveLength(50);
    expect(a.real).toBe(seeds.length);
    expect(a.articles.slice(0, seeds.length)).toEqual(seeds);
    expect(b.articles).toEqual(a.articles);
    expect(c.articles).not.toEqual(a.articles);
    expect(new Set(a.articles.map((x) => x.id)).size).toBe(50);

    const realParagraphs = new Set(seeds.flatMap((s) => [...(s.lead ? [s.lead] : []), ...s.blocks.map((x) => x.text)]));
    const realFiles = new Set(seeds.map((s) => s.file));
    for (const art of a.articles.slice(seeds.length)) {
      for (const block of art.blocks) expect(realParagraphs.has(block.text)).toBe(true);
      const sources = a.provenance.get(art.file) ?? [];
      expect(sources[0]).toBe(art.file);
      expect(sources.slice(1).every((f) => realFiles.has(f))).toBe(true);
    }
    expect(synthesize(seeds, { size: 3 }).articles).toEqual(seeds.slice(0, 3));
  });

  it('writes files the loader reads back as the same articles', () => {
    const { articles } = synthesize(seeds, { size: 20, seed: 1 });
    for (const article of articles) {
      const parsed = parseArticle(article.file, toExportText(article));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.article).toEqual(article);
    }
  });
});

describe('eval over a small synthesised archive', () => {
  it('scores the seed cases with sane values', async () => {
    const cases: SourcedCase[] = [
      ...(await loadCaseFile(join(ROOT, 'tests', 'eval', 'ask-seeds.json'))),
      ...(await loadCaseFile(join(ROOT, 'tests', 'eval', 'who-seeds.json'))),
      ...(await loadCaseFile(join(ROOT, 'tests', 'eval', 'timeline-seeds.json'))),
    ];
    const archive = synthesize(seeds, { size: 50 });
    const library = createLibrary(await buildIndex(archive.articles), 0);
    const real = new Set(seeds.map((s) => s.file));
    const report = evaluate(library, cases, { hasFile: (f) => real.has(f), provenance: (f) => archive.provenance.get(f) ?? [f] });

    const ask = report.ask.summary;
    expect(ask.cases).toBeGreaterThanOrEqual(10);
    for (const x of [ask.success1, ask.success5, ask.mrr10, ask.recall10]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    expect(ask.success1).toBeLessThanOrEqual(ask.success5);
    // The pipeline finds something: a broken index would score 0.
    expect(ask.success5).toBeGreaterThan(0);
    expect(report.who.cases.length).toBe(5);
    expect(report.timeline.cases.length).toBe(2);
    for (const c of report.who.cases) {
      expect(c.recall).toBeGreaterThanOrEqual(0);
      expect(c.recall).toBeLessThanOrEqual(1);
      expect(c.misattributions).toBeLessThanOrEqual(c.returned);
    }
    // Items in files outside the archive are left out, not failed.
    expect(report.skipped).toEqual([]);
    expect(report.partial).toBeGreaterThan(0);
    expect(formatReport(report)).toContain('success@5');
  });
});

describe('the command lines', () => {
  it('npm run eval -- --json prints exactly one JSON object', async () => {
    const { stdout } = await run(TSX, ['bench/eval.ts', '--corpus', SEEDS, '--cases', 'tests/eval/ask-seeds.json', '--json'], { cwd: ROOT, maxBuffer: 64 << 20 });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0] ?? '');
    expect(out.corpus.articles).toBe(seeds.length);
    expect(out.ask.summary.cases).toBeGreaterThan(0);
    expect(out.ask.summary.success5).toBeGreaterThan(0);
    expect(Array.isArray(out.skipped)).toBe(true);
  }, 120_000);

  it('npm run bench -- --sizes 50 --json gives the documented shape', async () => {
    const out = join(tmp, 'bench.json');
    const { stdout } = await run(TSX, ['bench/bench.ts', '--sizes', '50', '--rounds', '1', '--corpus', SEEDS, '--out', out, '--json'], { cwd: ROOT, maxBuffer: 64 << 20 });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    const report = JSON.parse(last);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(report);
    expect(report.sizes).toHaveLength(1);
    const s = report.sizes[0];
    expect(s.articles).toBe(50);
    expect(s.passages).toBeGreaterThan(50);
    expect(s.textMB).toBeGreaterThan(0);
    for (const k of ['buildSeconds', 'buildMBps', 'segmentMBps', 'snapshotBytes', 'snapshotLoadSeconds', 'peakRssMB']) {
      expect(typeof s[k]).toBe('number');
      expect(s[k]).toBeGreaterThan(0);
    }
    for (const cmd of ['ask', 'who', 'timeline']) {
      expect(s[cmd].p50).toBeGreaterThanOrEqual(0);
      expect(s[cmd].p50).toBeLessThanOrEqual(s[cmd].p95);
      expect(s[cmd].p95).toBeLessThanOrEqual(s[cmd].p99);
    }
    const b = report.baselines['50'];
    expect(b.rawJieba.MBps).toBeGreaterThan(0);
    expect(b.searchIndex.MBps).toBeGreaterThan(0);
    for (const e of [b.shiji, b.engines['minisearch-default'], b.engines['minisearch-intl']]) {
      expect(e.success5).toBeGreaterThanOrEqual(0);
      expect(e.success5).toBeLessThanOrEqual(1);
      expect(e.buildSeconds).toBeGreaterThan(0);
    }
    expect(report.targets.length).toBeGreaterThan(0);
  }, 180_000);
});
