import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerQueue } from '../../src/discord/answer-queue.ts';

/** A queue on a clock the test moves; `run` takes the next job and says it took `ms`. */
function setup(options: ConstructorParameters<typeof AnswerQueue>[0] = {}) {
  let t = 0;
  const q = new AnswerQueue<string>({ now: () => t, ...options });
  let id = 0;
  const run = (ms: number): string | undefined => {
    const job = q.take();
    if (!job) return undefined;
    const n = ++id;
    q.started(n, job.key);
    t += ms;
    q.finished(n, ms);
    return job.item;
  };
  return { q, run, advance: (ms: number) => (t += ms) };
}

describe('the answer queue', () => {
  it('lets a quick /ask go before slow /timeline calls queued earlier, once it has seen both', () => {
    const { q, run } = setup();
    q.offer('timeline', 't0');
    q.offer('ask', 'a0');
    run(800);
    run(20);
    for (let i = 1; i <= 5; i++) q.offer('timeline', `t${i}`);
    q.offer('ask', 'a1');
    expect(run(20)).toBe('a1');
    expect(run(800)).toBe('t1');
  });

  it('refuses a request whose estimated wait is too long, but still takes a cheap one', () => {
    const { q, run } = setup({ maxWaitMs: 3000 });
    q.offer('timeline', 't0');
    q.offer('ask', 'a0');
    run(1000);
    run(10);
    const accepted = Array.from({ length: 10 }, (_, i) => q.offer('timeline', `t${i + 1}`)).filter(Boolean).length;
    expect(accepted).toBeLessThanOrEqual(4);
    expect(accepted).toBeGreaterThan(0);
    expect(q.offer('ask', 'a1')).toBe(true);
  });

  it('refuses past its length whatever the estimates', () => {
    const { q } = setup({ maxLength: 3, maxWaitMs: Infinity });
    expect([1, 2, 3, 4].map((i) => q.offer('ask', String(i)))).toEqual([true, true, true, false]);
  });

  it('learns from a job still running: a stuck kind of call makes the next ones wait their turn', () => {
    const { q, advance } = setup({ maxWaitMs: 5000 });
    q.offer('timeline', 't0');
    const job = q.take();
    q.started(1, job?.key ?? '');
    advance(6000);
    expect(q.offer('timeline', 't1')).toBe(false);
  });

  it('serves a job that has waited past the aging limit first, so nothing starves', () => {
    const { q, run, advance } = setup({ agingMs: 1000 });
    q.offer('ask', 'a');
    q.offer('timeline', 't');
    run(10);
    run(500);
    q.offer('timeline', 'old');
    advance(1500);
    q.offer('ask', 'new');
    expect(run(500)).toBe('old');
  });

  it('hands out every accepted job exactly once, whatever the mix and costs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('ask', 'who', 'timeline'), fc.integer({ min: 0, max: 2000 })), { maxLength: 60 }), (ops) => {
        const { q, run } = setup({ maxWaitMs: 10_000, maxLength: 20 });
        const accepted: string[] = [];
        const served: string[] = [];
        ops.forEach(([key, ms], i) => {
          if (q.offer(key, `${key}${i}`)) accepted.push(`${key}${i}`);
          if (i % 3 === 2) {
            const done = run(ms);
            if (done) served.push(done);
          }
        });
        for (let done = run(1); done; done = run(1)) served.push(done);
        expect(served.sort()).toEqual(accepted.sort());
        expect(q.depth).toBe(0);
      }),
    );
  });
});
