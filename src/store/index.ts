/**
 * Open the store MODLAB_STORE names: "memory" (tests, throwaway runs) or "sqlite:PATH"
 * (the embedded default, sqlite:./data/modlab.db; the folder is created).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ModlabError } from '../contracts/errors';
import type { DocumentStore } from './document-store';
import { MemoryDocuments } from './memory-documents';
import { SqliteDocuments, type SqliteDocumentsOptions } from './sqlite-documents';

export type { DocumentStore } from './document-store';
export { DEFAULT_DEADLINE_MS } from './document-store';

export type StoreOptions = SqliteDocumentsOptions;

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
  throw badSpec(spec);
}

function badSpec(spec: string): ModlabError {
  return new ModlabError('bad-config', `MODLAB_STORE=${JSON.stringify(spec)} is not a store Modlab knows; use "memory" or "sqlite:PATH" (default ${DEFAULT_STORE}).`);
}
