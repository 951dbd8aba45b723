/**
 * Open the store MODLAB_STORE names: "memory" (tests, throwaway runs), "sqlite:PATH"
 * (the embedded default, sqlite:./data/modlab.db; the folder is created), or a server
 * several bot processes share: "redis://…" / "rediss://…" and "postgres://…" /
 * "postgresql://…" (the server must answer within the deadline).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ModlabError } from '../contracts/errors';
import type { DocumentStore } from './document-store';
import { MemoryDocuments } from './memory-documents';
import { SqliteDocuments, type SqliteDocumentsOptions } from './sqlite-documents';
import { RedisDocuments, type RedisDocumentsOptions } from './redis-documents';
import { PostgresDocuments, type PostgresDocumentsOptions } from './postgres-documents';

export type { DocumentStore } from './document-store';
export { DEFAULT_DEADLINE_MS } from './document-store';

export type StoreOptions = SqliteDocumentsOptions & RedisDocumentsOptions & PostgresDocumentsOptions;

export const DEFAULT_STORE = 'sqlite:./data/modlab.db';

export async function openStore(spec: string, options: StoreOptions = {}): Promise<DocumentStore> {
  if (spec === 'memory') return new MemoryDocuments(options);
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (path === '') throw badSpec(spec);
    try {
      if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
      return new SqliteDocuments(path, options);
    } catch (error) {
      throw new ModlabError('store-unavailable', `Cannot open the SQLite store at ${path}: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }
  if (/^rediss?:\/\//.test(spec)) return new RedisDocuments(spec, options).open();
  if (/^postgres(ql)?:\/\//.test(spec)) return new PostgresDocuments(spec, options).open();
  throw badSpec(spec);
}

/** The kind of store SPEC names, for status lines and metrics (never the URL: it may hold a password). */
export function storeKind(spec: string): string {
  if (spec === 'memory') return 'memory';
  if (spec.startsWith('sqlite:')) return 'sqlite';
  if (/^rediss?:\/\//.test(spec)) return 'redis';
  if (/^postgres(ql)?:\/\//.test(spec)) return 'postgres';
  return 'unknown';
}

function badSpec(spec: string): ModlabError {
  return new ModlabError('bad-config', `MODLAB_STORE=${JSON.stringify(spec)} is not a store Modlab knows; use "memory", "sqlite:PATH" (default ${DEFAULT_STORE}), "redis://HOST:PORT" or "postgres://USER@HOST/DB".`);
}
