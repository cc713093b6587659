/**
 * Where an incremental add's time goes, several times per build: `npx tsx bench/add-probe.ts DIR [ROUNDS]`.
 * Builds the index of DIR/corpus (build-probe.ts writes the bench's archive there), then adds 100 new
 * articles ROUNDS times in a row (each round's copies of other articles, published a day later, as
 * the bench's incrementalAdd100Seconds), printing each round's seconds; the machine's load average with them.
 * `--real`: the new articles are instead the real ones of seeds/ and ../shared/corpus (their names are
 * new to the synthetic archive, as in a live update; copies bring none).
 * `--check` then also builds the final articles afresh and prints whether the people registry and the
 * topics equal the updated index's (sha1 of each, to compare runs of two versions of the code).
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex, type ShijiIndex } from '../src/index/index.ts';
import { dayLaterCopies } from './synth.ts';
import { timedAdd } from './timed-add.ts';

const dir = process.argv[2];
if (!dir) throw new Error('add-probe: give the folder build-probe.ts wrote (DIR/corpus)');
const rounds = Number(process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : 3);
const check = process.argv.includes('--check');
const real = process.argv.includes('--real') ? (await loadCorpus(['seeds', '../shared/corpus'])).articles : undefined;
const corpus = await loadCorpus([join(dir, 'corpus')]);
let index: ShijiIndex = await buildIndex(corpus.articles);
const seconds: number[] = [];
// CPU time of this process too: on a shared machine the wall clock measures the run queue as much as the code.
const cpuSeconds: number[] = [];
for (let r = 0; r < rounds; r++) {
  const fresh = dayLaterCopies(real ?? corpus.articles.slice(100 * r, 100 * r + 100), `${r}-`);
  // PROFILE_ADD=file.cpuprofile: a CPU profile of the last round (the first pays for the build's garbage).
  const { next, seconds: took, cpuSeconds: cpu } = await timedAdd(index, fresh, r === rounds - 1 ? process.env.PROFILE_ADD : undefined);
  seconds.push(took);
  cpuSeconds.push(cpu);
  index = next;
}
const best = (list: number[]): number | undefined => list.slice().sort((a, b) => a - b)[0];
const median = (list: number[]): number | undefined => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(JSON.stringify({ articles: index.articles.length, seconds, best: best(seconds), median: median(seconds), cpuSeconds, cpuBest: best(cpuSeconds), cpuMedian: median(cpuSeconds), load: loadavg().map((l) => +l.toFixed(2)) }));
if (check) {
  const digest = (x: ShijiIndex): string => createHash('sha1').update(JSON.stringify({ people: x.people, topics: x.topics })).digest('hex');
  const rebuilt = await buildIndex(index.articles);
  console.log(JSON.stringify({ updated: digest(index), rebuilt: digest(rebuilt), same: digest(index) === digest(rebuilt) }));
}
