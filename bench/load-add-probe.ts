/**
 * The first add after a restart, alone: `npx tsx bench/load-add-probe.ts DIR save` builds DIR/corpus and
 * saves DIR/index.snapshot; `npx tsx bench/load-add-probe.ts DIR add` (a fresh process) loads it and adds
 * the bench's 100 day-later copies, printing the seconds (PROFILE_ADD=file.cpuprofile: a CPU profile of the add).
 * `add --real`: the new articles are the real ones of seeds/ and ../shared/corpus (names new to the archive).
 * `add --check` then also builds the final articles afresh and prints whether the registry and topics are the same.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex, type ShijiIndex } from '../src/index/index.ts';
import { loadSnapshot, saveSnapshot } from '../src/index/snapshot.ts';
import { buildFingerprint } from '../src/index/version.ts';
import { dayLaterCopies } from './synth.ts';
import { timedAdd } from './timed-add.ts';

const [dir, step] = process.argv.slice(2);
if (!dir || (step !== 'save' && step !== 'add')) throw new Error('load-add-probe: give DIR and save|add');
const corpusDir = join(dir, 'corpus');
const fingerprint = await buildFingerprint([corpusDir]);
const path = join(dir, 'index.snapshot');
if (step === 'save') {
  const index = await buildIndex((await loadCorpus([corpusDir])).articles);
  await saveSnapshot(path, index, fingerprint);
  console.log(JSON.stringify({ saved: path, articles: index.articles.length }));
} else {
  const snap = await loadSnapshot(path, fingerprint);
  if (!snap.ok) throw new Error(`load-add-probe: ${snap.reason}`);
  const index = snap.index;
  const fresh = process.argv.includes('--real') ? dayLaterCopies((await loadCorpus(['seeds', '../shared/corpus'])).articles, 'real-') : dayLaterCopies(index.articles.slice(0, 100));
  const { next, seconds, cpuSeconds } = await timedAdd(index, fresh, process.env.PROFILE_ADD);
  console.log(JSON.stringify({ seconds, cpuSeconds, articles: next.articles.length }));
  if (process.argv.includes('--check')) {
    const digest = (x: ShijiIndex): string => createHash('sha1').update(JSON.stringify({ people: x.people, topics: x.topics })).digest('hex');
    const rebuilt = await buildIndex(next.articles);
    console.log(JSON.stringify({ updated: digest(next), rebuilt: digest(rebuilt), same: digest(next) === digest(rebuilt) }));
  }
}
