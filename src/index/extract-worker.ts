import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { ArticleSchema } from '../corpus/article.ts';
import { AliasTable } from '../text/aliases.ts';
import { extractOne } from './extract.ts';
import { teachAliases } from './index.ts';
import { segment } from '../text/segment.ts';

/** A worker thread of extract.ts: extracts the chunks of articles it is given, one at a time. */
const MessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setup'), aliases: z.object({ groups: z.array(z.array(z.string())) }) }),
  z.object({ kind: z.literal('chunk'), chunk: z.number().int().min(0), articles: z.array(ArticleSchema) }),
  z.object({ kind: z.literal('stop') }),
]);

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('extract-worker: not started as a worker thread');
  // Load jieba's dictionaries now, while the main thread is still building the alias table.
  segment('预热');
  port.on('message', (raw: unknown) => {
    try {
      const m = MessageSchema.parse(raw);
      if (m.kind === 'setup') {
        // The main thread taught jieba the corpus's names; this thread's jieba must cut them the same way.
        teachAliases(AliasTable.fromJSON(m.aliases));
        port.postMessage({ kind: 'ready' });
        return;
      }
      if (m.kind === 'stop') {
        port.close();
        return;
      }
      const sentences = [];
      const analyses = [];
      for (const article of m.articles) {
        const r = extractOne(article);
        sentences.push(r.sentences);
        analyses.push(r.analysis);
      }
      port.postMessage({ kind: 'result', chunk: m.chunk, sentences, analyses });
    } catch (err) {
      port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
}

main();
