/**
 * The first add after a restart, alone: `npx tsx bench/load-add-probe.ts DIR save` builds DIR/corpus and
 * saves DIR/index.snapshot; `npx tsx bench/load-add-probe.ts DIR add` (a fresh process) loads it and adds
 * the bench's 100 day-later copies, printing the seconds (PROFILE_ADD=file.cpuprofile: a CPU profile of the add).
 * `add --real`: the new articles are the real ones of seeds/ and ../shared/corpus (names new to the archive).
 * `add --check` then also builds the final articles afresh, in a fresh process (`digest`), and prints whether the
 * registry and topics are the same.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex, type ShijiIndex } from '../src/index/index.ts';
import { loadSnapshot, saveSnapshot } from '../src/index/snapshot.ts';
import { buildFingerprint } from '../src/index/version.ts';
import type { Article } from '../src/corpus/article.ts';
import { dayLaterCopies } from './synth.ts';
import { timedAdd } from './timed-add.ts';

const [dir, step] = process.argv.slice(2);
if (!dir || (step !== 'save' && step !== 'add' && step !== 'digest')) throw new Error('load-add-probe: give DIR and save|add|digest');
const digest = (x: ShijiIndex): string => createHash('sha1').update(JSON.stringify({ people: x.people, topics: x.topics })).digest('hex');
const added = async (articles: readonly Article[]): Promise<Article[]> =>
  process.argv.includes('--real') ? dayLaterCopies((await loadCorpus(['seeds', '../shared/corpus'])).articles, 'real-') : dayLaterCopies(articles.slice(0, 100));
const corpusDir = join(dir, 'corpus');
const fingerprint = await buildFingerprint([corpusDir]);
const path = join(dir, 'index.snapshot');
if (step === 'digest') {
  // The registry and topics of a build, in this fresh process, of the corpus and the articles `add` adds.
  const { articles } = await loadCorpus([corpusDir]);
  console.log(digest(await buildIndex([...articles, ...(await added(articles))])));
} else if (step === 'save') {
  const index = await buildIndex((await loadCorpus([corpusDir])).articles);
  await saveSnapshot(path, index, fingerprint);
  console.log(JSON.stringify({ saved: path, articles: index.articles.length }));
} else {
  const snap = await loadSnapshot(path, fingerprint);
  if (!snap.ok) throw new Error(`load-add-probe: ${snap.reason}`);
  const index = snap.index;
  const fresh = await added(index.articles);
  const { next, seconds, cpuSeconds } = await timedAdd(index, fresh, process.env.PROFILE_ADD);
  console.log(JSON.stringify({ seconds, cpuSeconds, articles: next.articles.length }));
  if (process.argv.includes('--check')) {
    // The rebuild in a fresh process, as a bot's would be: in this one jieba was taught the snapshot's names,
    // and a build here would read the articles' bracket pairs under them (see articlePairs).
    const { execFileSync } = await import('node:child_process');
    const rebuilt = execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, dir, 'digest', ...(process.argv.includes('--real') ? ['--real'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim();
    console.log(JSON.stringify({ updated: digest(next), rebuilt, same: digest(next) === rebuilt }));
  }
}
