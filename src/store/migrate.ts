/**
 * `npm run migrate-store -- FROM TO`: copy every document (each conversation's machine and
 * the app's side documents, keys "*…") from one store to another, usually SQLite →
 * PostgreSQL or Redis.
 *
 * Idempotent and resumable: a document goes to the target only where the target has none;
 * one the target already holds unchanged is counted and left; one the target holds
 * different (a bot already used the target) is kept and reported, never overwritten,
 * unless `overwrite` is set. So an interrupted run is finished by running it again.
 * A source document that cannot be read is reported and not copied. Each write is the
 * target's own atomic update, so bots already running on the target lose nothing.
 */
import type { KeyvStoreAdapter } from 'keyv';
import type { DocumentStore } from './document-store';
import { NAMESPACE } from './document-store';
import { openEnvelope } from './envelope';

export type Outcome = 'copied' | 'unchanged' | 'kept' | 'overwritten' | 'damaged';

export interface MigrationReport {
  counts: Record<Outcome, number>;
  /** One line per document that was not copied as is (kept or damaged), for the operator. */
  problems: string[];
}

export interface MigrateOptions {
  /** Replace a target document that differs from the source's (default false: keep it). */
  overwrite?: boolean;
  /** Told of each document as it is done. */
  progress?: (key: string, outcome: Outcome) => void;
}

/** Every stored key and raw value of DOCS, as its Keyv adapter lists them. */
export async function* rawDocuments(docs: DocumentStore): AsyncGenerator<[string, string]> {
  const keyv = (docs as { keyv?: { store: unknown } }).keyv;
  if (!keyv) throw new Error(`cannot list the documents of this store (${docs.constructor.name})`);
  const store = keyv.store;
  if (store instanceof Map) {
    for (const [key, raw] of store) yield [unprefix(String(key)), String(raw)];
    return;
  }
  const adapter = store as KeyvStoreAdapter & { on?: (event: string, listener: (error: unknown) => void) => void; off?: (event: string, listener: (error: unknown) => void) => void };
  if (typeof adapter.iterator !== 'function') throw new Error('this store cannot list its documents');
  // @keyv/postgres reports a failed page as an 'error' event and then just stops: a
  // migration must not take that for the end of the data.
  let failure: unknown;
  const onError = (error: unknown): void => {
    failure ??= error;
  };
  adapter.on?.('error', onError);
  try {
    for await (const [key, raw] of adapter.iterator(adapter.namespace) as AsyncGenerator<[string, unknown]>) {
      if (failure) break;
      if (typeof raw === 'string') yield [unprefix(key), raw];
    }
    if (failure) throw failure;
  } finally {
    adapter.off?.('error', onError);
  }
}

/** Keyv's "<namespace>:" prefix, which KeyvLibsql and @keyv/postgres list and KeyvRedis does not. */
function unprefix(key: string): string {
  return key.startsWith(`${NAMESPACE}:`) ? key.slice(NAMESPACE.length + 1) : key;
}

export async function migrate(from: DocumentStore, to: DocumentStore, options: MigrateOptions = {}): Promise<MigrationReport> {
  const report: MigrationReport = { counts: { copied: 0, unchanged: 0, kept: 0, overwritten: 0, damaged: 0 }, problems: [] };
  const done = (key: string, outcome: Outcome, problem?: string): void => {
    report.counts[outcome]++;
    if (problem) report.problems.push(`${key}: ${problem}`);
    options.progress?.(key, outcome);
  };
  for await (const [key, raw] of rawDocuments(from)) {
    let doc: unknown;
    try {
      doc = openEnvelope(raw);
    } catch (error) {
      done(key, 'damaged', `not copied: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const wanted = JSON.stringify(doc);
    const outcome = await to.update(key, (current): { doc: unknown; result: Outcome } => {
      if (current === undefined) return { doc, result: 'copied' };
      if (JSON.stringify(current) === wanted) return { doc: current, result: 'unchanged' };
      return options.overwrite ? { doc, result: 'overwritten' } : { doc: current, result: 'kept' };
    });
    done(key, outcome, outcome === 'kept' ? 'the target already holds a different document; kept it (--overwrite replaces it)' : undefined);
  }
  return report;
}

export function summary(report: MigrationReport): string {
  const c = report.counts;
  return `${c.copied} copied, ${c.unchanged} already there, ${c.overwritten} overwritten, ${c.kept} kept (target differs), ${c.damaged} damaged (not copied)`;
}
