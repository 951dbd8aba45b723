#!/usr/bin/env node
/**
 * `npm run migrate-store -- FROM TO [--overwrite]`: copy every conversation and side
 * document from the store FROM to the store TO (MODLAB_STORE specs: sqlite:PATH,
 * redis://…, postgres://…). Safe to run again: see src/store/migrate.ts. Exit status 0
 * when every source document is now in TO as it is in FROM, 1 otherwise.
 */
import { openStore } from '../src/store';
import type { DocumentStore } from '../src/store/document-store';
import { migrate, summary } from '../src/store/migrate';

const USAGE = 'usage: npm run migrate-store -- FROM TO [--overwrite]\n  e.g. npm run migrate-store -- sqlite:./data/modlab.db postgres://modlab@db.example/modlab\n';
/** A copy is no chat reply: give each store call time to get through a busy server. */
const DEADLINE_MS = 30_000;

async function main(argv: string[]): Promise<number> {
  const overwrite = argv.includes('--overwrite');
  const specs = argv.filter((a) => a !== '--overwrite');
  if (specs.length !== 2 || specs.some((s) => s.startsWith('-'))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const [fromSpec = '', toSpec = ''] = specs;
  if (fromSpec === toSpec) {
    process.stderr.write('migrate-store: FROM and TO are the same store\n');
    return 2;
  }
  let from: DocumentStore | undefined;
  let to: DocumentStore | undefined;
  try {
    from = await openStore(fromSpec, { deadlineMs: DEADLINE_MS });
    to = await openStore(toSpec, { deadlineMs: DEADLINE_MS });
    const report = await migrate(from, to, { overwrite, progress: (key, outcome) => process.stdout.write(`${outcome} ${key}\n`) });
    for (const problem of report.problems) process.stderr.write(`migrate-store: ${problem}\n`);
    process.stdout.write(`migrate-store: ${summary(report)}\n`);
    return report.counts.kept + report.counts.damaged === 0 ? 0 : 1;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    process.stderr.write(`migrate-store: ${error instanceof Error ? error.message : String(error)}${cause instanceof Error ? ` (${cause.message})` : ''}\n`);
    process.stderr.write('migrate-store: stopped; what was copied stays copied, run the same command again to go on.\n');
    return 1;
  } finally {
    await Promise.allSettled([from?.close(), to?.close()]);
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
