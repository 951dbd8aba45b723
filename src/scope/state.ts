/**
 * What one scope (a channel, or a thread in it) persists: its machine, the shell history
 * with who ran what, and teaching progress. Plain JSON with a schema number: an older
 * document is migrated when read; a damaged one is reported ('state-damaged') so an
 * instructor can reset it, never crashes the bot and never silently becomes a new machine.
 */
import type { MachineState } from '../machine/machine';
import type { HistoryEntry } from '../userland/tool';
import { damaged } from '../store/envelope';
import type { SessionState } from '../machine/session';
import { debianBase, unpack, type SharedBase } from './stored';

/** One chat user's login on the machine (sessions.ts opens, lists and bounds them). */
export interface ScopeSession {
  /** The chat user's display name, shown as the login's remote host. */
  name: string;
  /** N of pts/N. */
  tty: number;
  /** Login time and last command, ms since the epoch. */
  since: number;
  lastAt: number;
  /** What the login's shell remembers: directory, variables, functions. */
  shell: SessionState;
}

export interface ScopeState {
  schema: number;
  machine: MachineState;
  /** Oldest first, at most HISTORY_LIMIT entries. */
  history: HistoryEntry[];
  /** Each chat user's login on the machine, by user id (sessions.ts); none before their first command. */
  sessions?: Record<string, ScopeSession>;
  /** Exercise progress, quiz answers and scores, owned by the teaching features. */
  teaching?: Record<string, unknown>;
  /** ms since the epoch */
  createdAt: number;
  updatedAt: number;
}

/**
 * 0: before versioning: `{ kernel, disk, history? }`, the machine's parts at the top level.
 * 1: `{ schema: 1, machine: { kernel, disk }, history, teaching?, createdAt, updatedAt }`.
 * 2: schema 1 stored compactly (stored.ts): the shared boot log referenced, not copied; log
 *    records and history entries as tuples. In memory a ScopeState keeps schema 1's shape.
 */
export const CURRENT_SCHEMA = 2;

/** Shell history kept per scope; the oldest entries go first, as bash's HISTSIZE trims. */
export const HISTORY_LIMIT = 500;

type Doc = Record<string, unknown>;

/** Step N turns a schema-N document into a schema-(N+1) one. */
const migrations: Record<number, (doc: Doc, now: number) => Doc> = {
  0: (doc, now) => {
    const { kernel, disk, history, ...rest } = doc;
    const machine = doc.machine ?? (kernel === undefined && disk === undefined ? undefined : { kernel, disk });
    return { ...rest, schema: 1, machine, history: history ?? [], createdAt: doc.createdAt ?? now, updatedAt: doc.updatedAt ?? now };
  },
};

/**
 * RAW (a stored document) as a current ScopeState: unpacked (schema 2) or migrated step by step from its schema,
 * then checked field by field. Throws ModlabError 'state-damaged' naming what is wrong.
 * NOW stamps the times a migrated document did not record.
 */
export function migrate(raw: unknown, now = 0, base: SharedBase = debianBase): ScopeState {
  if (!isObject(raw)) throw damaged(`it is ${describe(raw)}, not an object`);
  let doc: Doc = raw;
  const schema = doc.schema ?? 0;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 0) {
    throw damaged(`its schema is ${describe(schema)}, not a version number`);
  }
  if (schema > CURRENT_SCHEMA) {
    throw damaged(`it was written by a newer Modlab, schema ${schema}; this one reads up to schema ${CURRENT_SCHEMA}`);
  }
  if (schema === 2) doc = unpack(doc, base);
  else for (let version = schema; version < 1; version++) doc = migrations[version](doc, now);
  const state = check(doc);
  state.schema = CURRENT_SCHEMA;
  return state;
}

/** Keep the newest HISTORY_LIMIT entries. */
export function boundHistory(state: ScopeState, limit = HISTORY_LIMIT): void {
  if (state.history.length > limit) state.history.splice(0, state.history.length - limit);
}

/** Cheap structural checks of the fields Modlab relies on; the machine layers own the deeper shape. */
function check(doc: Doc): ScopeState {
  const machine = doc.machine;
  if (!isObject(machine)) throw damaged(`machine is ${describe(machine)}`);
  const kernel = machine.kernel;
  if (!isObject(kernel)) throw damaged(`machine.kernel is ${describe(kernel)}`);
  if (!Array.isArray(kernel.modules)) throw damaged(`machine.kernel.modules is ${describe(kernel.modules)}, not a list`);
  if (!isObject(kernel.printk) || !Array.isArray(kernel.printk.records)) {
    throw damaged('machine.kernel.printk has no list of records');
  }
  const disk = machine.disk;
  if (!isObject(disk)) throw damaged(`machine.disk is ${describe(disk)}`);
  if (!isObject(disk.files)) throw damaged(`machine.disk.files is ${describe(disk.files)}`);
  const history = doc.history;
  if (!Array.isArray(history)) throw damaged(`history is ${describe(history)}, not a list`);
  history.forEach((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.line !== 'string' || typeof entry.user !== 'string'
      || typeof entry.at !== 'number' || typeof entry.status !== 'number') {
      throw damaged(`history[${i}] is not a command entry`);
    }
  });
  if (doc.teaching !== undefined && !isObject(doc.teaching)) throw damaged(`teaching is ${describe(doc.teaching)}`);
  if (doc.sessions !== undefined) {
    if (!isObject(doc.sessions)) throw damaged(`sessions is ${describe(doc.sessions)}`);
    for (const [id, s] of Object.entries(doc.sessions)) {
      if (!isObject(s) || typeof s.name !== 'string' || typeof s.tty !== 'number' || typeof s.since !== 'number' || typeof s.lastAt !== 'number' || !isObject(s.shell)) {
        throw damaged(`sessions[${JSON.stringify(id.slice(0, 40))}] is not a login`);
      }
    }
  }
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (typeof doc[field] !== 'number' || !Number.isFinite(doc[field])) throw damaged(`${field} is ${describe(doc[field])}, not a time`);
  }
  return doc as unknown as ScopeState;
}

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value for the user-facing message. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 20 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}
