import { runConsole } from './cli/console.ts';
import { loadConfig, readEnv } from './config.ts';
import { checkCorpusDirs, corpusDirs, createContext, loadCommands } from './cli/run.ts';

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set; otherwise the same answers in the
 * terminal over the configured corpus (the bundled seeds/ by default).
 */
async function main(): Promise<void> {
  // .env fills in what the environment does not set (readEnv leaves process.env alone).
  const env = readEnv();
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.error);
  if (loaded.config.discord) {
    // Loaded only here, so the console starts without discord.js.
    const { runBot } = await import('./discord/start.ts');
    await runBot(env);
    return;
  }
  const dirs = corpusDirs({ json: false, corpus: [] });
  const missing = await checkCorpusDirs(dirs);
  if (missing) {
    process.stderr.write(`shiji: ${missing} (set CORPUS_DIR to a folder of article files)\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(
    `No DISCORD_TOKEN set: answering in this terminal over ${dirs.join(', ')}.\n` +
      'To connect Discord, put DISCORD_TOKEN and DISCORD_CLIENT_ID in .env (see .env.example and the README), run npm run deploy-commands, then npm start.\n',
  );
  const interactive = process.stdin.isTTY === true;
  const ctx = createContext(dirs, { styled: process.stdout.isTTY === true });
  // Load now, with its "loading N articles…" line, rather than silently on the first question.
  ctx.library().catch(() => undefined);
  // FEEDS set: polled every FEED_INTERVAL while the console runs, one line per batch of new articles.
  const say = (line: string): void => void (interactive ? process.stdout : process.stderr).write(`\n${line}\n`);
  // Imported only then: without FEEDS the console loads no SQLite and no feed parser.
  const news = loaded.config.feeds.length ? (await import('./cli/console-news.ts')).startConsoleNews(loaded.config, dirs, ctx.library(), say) : null;
  try {
    await runConsole(await loadCommands(), ctx, { input: process.stdin, output: process.stdout, interactive });
  } finally {
    await news?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`shiji: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
