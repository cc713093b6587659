import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { ArticleSchema } from '../corpus/article.ts';
import { AliasTable } from '../text/aliases.ts';
import { buildChunk, type WorkerMessage } from './chunks.ts';
import { forwardBuffers } from './forward.ts';
import { teachAliases } from './index.ts';
import { releaseSegmenter, segment, segmentWithoutKeywords } from '../text/segment.ts';

/** A worker thread of chunks.ts: builds the chunks of articles it is given, one at a time. */
const MessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('setup'),
    aliases: z.object({ groups: z.array(z.array(z.string())) }),
    termMode: z.enum(['words', 'bigrams', 'words+bigrams']),
  }),
  z.object({ kind: z.literal('chunk'), chunk: z.number().int().min(0), articles: z.array(ArticleSchema) }),
  z.object({ kind: z.literal('stop') }),
]);

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('chunks-worker: not started as a worker thread');
  const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  // Load jieba's dictionaries now, while the main thread is still building the alias table (no
  // keyword table: only the main thread ranks keywords, for the people's topics).
  segmentWithoutKeywords();
  segment('预热');
  let termMode: 'words' | 'bigrams' | 'words+bigrams' | undefined;
  port.on('message', (raw: unknown) => {
    try {
      const m = MessageSchema.parse(raw);
      if (m.kind === 'setup') {
        // The main thread taught jieba the corpus's names; this thread's jieba must cut them the same way.
        teachAliases(AliasTable.fromJSON(m.aliases));
        termMode = m.termMode;
        send({ kind: 'ready' });
        return;
      }
      if (m.kind === 'stop') {
        releaseSegmenter();
        port.close();
        return;
      }
      if (!termMode) throw new Error('chunks-worker: a chunk before the setup');
      const result = buildChunk(m.articles, termMode);
      // The postings' arrays move to the main thread instead of being copied.
      send({ kind: 'result', chunk: m.chunk, result }, forwardBuffers(result.index));
    } catch (err) {
      send({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
}

main();
