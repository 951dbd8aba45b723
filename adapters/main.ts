/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the Slack bot when SLACK_BOT_TOKEN
 * is set (both when both are), and the terminal chat when neither is.
 */
import 'dotenv/config';
import { createApp } from '../src/app/create-app';
import { runConsole } from './console';
import { stderrLogger } from './log';

async function main(): Promise<number> {
  const logger = stderrLogger(process.env.MODLAB_LOG === 'quiet' ? 'error' : 'info');
  const store = process.env.MODLAB_STORE ?? 'sqlite:./data/modlab.db';
  let app;
  try {
    app = await createApp({ store, logger, hostname: process.env.MODLAB_HOSTNAME || undefined });
  } catch (error) {
    process.stderr.write(`modlab: cannot open the store ${store}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  await runConsole(app, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  await app.close();
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`modlab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
