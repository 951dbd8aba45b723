/**
 * What the store tests share: a tiny ScopeState-shaped document (the real machine belongs
 * to other layers; the store only needs the fields it checks), a counter kept in
 * `teaching.count`, temp folders, and the two stores to run the contract suite against.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sinon from 'sinon';
import type { Scope } from '../../src/contracts/invocation';
import type { ScopeState } from '../../src/scope/state';
import { CURRENT_SCHEMA } from '../../src/scope/state';
import type { DocumentStore } from '../../src/store/document-store';
import { MemoryDocuments } from '../../src/store/memory-documents';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import type { OptimisticDocuments } from '../../src/store/optimistic';

export const scope: Scope = { platform: 'discord', workspace: 'guild-1', channel: 'chan-1' };
export const otherScope: Scope = { platform: 'discord', workspace: 'guild-1', channel: 'chan-1', thread: 'thread-9' };

/** A freshly "booted" fake machine: nothing loaded, an empty log ring, no disk changes. */
export function fakeMachine(): ScopeState['machine'] {
  return {
    kernel: { cmdline: 'BOOT_IMAGE=/boot/vmlinuz-6.1.0-56-amd64', modules: [], printk: { nextSeq: 0, records: [], clearSeq: 0 } },
    disk: { files: {} },
  } as unknown as ScopeState['machine'];
}

export function fakeBoot(now = 1_700_000_000_000): () => ScopeState {
  return () => ({ schema: CURRENT_SCHEMA, machine: fakeMachine(), history: [], teaching: { count: 0 }, createdAt: now, updatedAt: now });
}

export function countOf(state: ScopeState): number {
  return Number(state.teaching?.count ?? 0);
}

/** The document-level counter update most tests use. */
export function increment(doc: unknown): { doc: { count: number }; result: number } {
  const count = ((doc as { count?: number } | undefined)?.count ?? 0) + 1;
  return { doc: { count }, result: count };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'modlab-store-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One store implementation, as the contract suite sees it. */
export interface StoreKind {
  name: string;
  /** The server it needs (the suite skips, or under CI fails, when it cannot be reached). */
  server?: 'redis' | 'postgres';
  open(options?: { deadlineMs?: number; sweepMs?: number }): DocumentStore | Promise<DocumentStore>;
  /** Make the store's next read take MS before it reaches the store (then it runs normally). */
  slowDown(docs: DocumentStore, ms: number): sinon.SinonStub;
  /** Make every call fail the way a broken store does. */
  breakDown(docs: DocumentStore): sinon.SinonStub;
  /** Store TEXT as the raw stored value of KEY, bypassing serialization. */
  plant(docs: DocumentStore, key: string, text: string): Promise<void>;
  cleanup(): void | Promise<void>;
}

/** Make the store's next read take MS before it reaches the store (then it runs normally). */
function slowDownBackend(docs: DocumentStore, ms: number): sinon.SinonStub {
  const { backend } = docs as OptimisticDocuments;
  const read = backend.read.bind(backend);
  let slowed = false;
  return sinon.stub(backend, 'read').callsFake(async (key: string, signal: AbortSignal) => {
    if (!slowed) {
      slowed = true;
      await delay(ms);
    }
    return read(key, signal);
  });
}

export function memoryKind(): StoreKind {
  return {
    name: 'memory',
    open: (options) => new MemoryDocuments(options),
    slowDown: slowDownBackend,
    breakDown(docs) {
      const store = (docs as MemoryDocuments).keyv.store as Map<string, unknown>;
      return sinon.stub(store, 'get').throws(new Error('EIO: i/o error'));
    },
    async plant(docs, key, text) {
      const { keyv } = docs as MemoryDocuments;
      (keyv.store as Map<string, unknown>).set(keyv._getKeyPrefix(key), text);
    },
    cleanup() {},
  };
}

export function sqliteKind(): StoreKind {
  let dir: string | undefined;
  return {
    name: 'sqlite',
    open(options) {
      dir ??= tempDir();
      return new SqliteDocuments(join(dir, 'modlab.db'), options);
    },
    slowDown: slowDownBackend,
    breakDown(docs) {
      const { adapter } = docs as SqliteDocuments;
      const ioerr = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      sinon.stub(adapter, 'readBytes').rejects(ioerr);
      return sinon.stub(adapter, 'commitIf').rejects(ioerr);
    },
    async plant(docs, key, text) {
      const { adapter, keyv } = docs as SqliteDocuments;
      await adapter.set(keyv._getKeyPrefix(key), text);
    },
    cleanup() {
      if (dir) removeDir(dir);
      dir = undefined;
    },
  };
}
