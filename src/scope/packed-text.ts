/**
 * A scope's stored text without serialising what has not changed: the kernel log and the
 * history are most of a used scope's document, and a command adds a record or two to them.
 * Each log record's and history entry's JSON is kept beside the object it was written from
 * (a worker keeps a conversation's state between its messages: src/app/sandbox), and used
 * again while the object and what its tuple depends on (the time before it, its user's
 * index) are unchanged; everything else is JSON.stringify's. The text is exactly
 * JSON.stringify(pack(state)) — the same keys in the same order — so a reader never knows.
 */
import type { LogRecord } from '../kernel/state';
import type { HistoryEntry } from '../userland/tool';
import { entryTuple, packedPrintk, recordTuple, type SharedBase } from './stored';
import type { ScopeState } from './state';

interface KeptRecord {
  seq: number;
  usec: number;
  level: number;
  facility: number;
  text: string;
  origin: string | undefined;
  usecBefore: number;
  json: string;
}

interface KeptEntry {
  user: string;
  line: string;
  at: number;
  status: number;
  u: number;
  atBefore: number;
  json: string;
}

// Keyed by the objects themselves: a record or entry gone from every state is forgotten with it.
const records = new WeakMap<LogRecord, KeptRecord>();
const entries = new WeakMap<HistoryEntry, KeptEntry>();

function recordJson(r: LogRecord, usecBefore: number): string {
  const kept = records.get(r);
  // A record's text can still grow (KERN_CONT): every field is compared, not only the object.
  if (kept && kept.usecBefore === usecBefore && kept.seq === r.seq && kept.usec === r.usec && kept.level === r.level && kept.facility === r.facility
    && kept.text === r.text && kept.origin === r.origin) {
    return kept.json;
  }
  const json = JSON.stringify(recordTuple(r, usecBefore));
  records.set(r, { seq: r.seq, usec: r.usec, level: r.level, facility: r.facility, text: r.text, origin: r.origin, usecBefore, json });
  return json;
}

function entryJson(e: HistoryEntry, u: number, atBefore: number): string {
  const kept = entries.get(e);
  if (kept && kept.u === u && kept.atBefore === atBefore && kept.user === e.user && kept.line === e.line && kept.at === e.at && kept.status === e.status) return kept.json;
  const json = JSON.stringify(entryTuple(e, u, atBefore));
  entries.set(e, { user: e.user, line: e.line, at: e.at, status: e.status, u, atBefore, json });
  return json;
}

/** OBJ's JSON with the values of the keys in PARTS written by them (JSON.stringify's key order; undefined values left out). */
function objectJson(obj: object, parts: Readonly<Record<string, () => string>>, extra?: readonly string[]): string {
  const keys = Object.keys(obj);
  for (const key of extra ?? []) if (!keys.includes(key)) keys.push(key);
  // Concatenated, not joined: a join copies the long log text once more at every level.
  let json = '{';
  for (const key of keys) {
    const part = Object.prototype.hasOwnProperty.call(parts, key) ? parts[key] : undefined;
    const value = part ? part() : JSON.stringify((obj as Record<string, unknown>)[key]) as string | undefined;
    if (value === undefined) continue;
    if (json.length > 1) json += ',';
    json += JSON.stringify(key) + ':' + value;
  }
  return json + '}';
}

function historyJson(history: readonly HistoryEntry[]): string {
  const users: string[] = [];
  const index = new Map<string, number>();
  let at = 0;
  const parts = history.map((e) => {
    let u = index.get(e.user);
    if (u === undefined) {
      u = users.push(e.user) - 1;
      index.set(e.user, u);
    }
    const json = entryJson(e, u, at);
    at = e.at;
    return json;
  });
  return `{"users":${JSON.stringify(users)},"entries":[${parts.join(',')}]}`;
}

/** JSON.stringify(pack(STATE, BASE)), from the JSON kept for the records and entries it wrote before. */
export function packedText(state: ScopeState, base: SharedBase): string {
  const kernel = state.machine.kernel;
  const printk = (): string => {
    const { head, count } = packedPrintk(kernel, base);
    const log: string[] = [];
    const ring = kernel.printk.records;
    let usec = 0;
    for (let i = count; i < ring.length; i++) {
      log.push(recordJson(ring[i], usec));
      usec = ring[i].usec;
    }
    let json = `{"nextSeq":${JSON.stringify(head.nextSeq)},"clearSeq":${JSON.stringify(head.clearSeq)},"log":[${log.join(',')}]`;
    if (head.used !== undefined) json += `,"used":${JSON.stringify(head.used)}`;
    if (head.boot !== undefined) json += `,"boot":${JSON.stringify(head.boot)}`;
    return json + '}';
  };
  return objectJson(
    state,
    {
      schema: () => '2',
      machine: () => objectJson(state.machine, { kernel: () => objectJson(kernel, { printk }, ['printk']) }, ['kernel']),
      history: () => historyJson(state.history),
    },
    // pack() spreads STATE and sets these: one it lacked comes after its own keys.
    ['schema', 'machine', 'history'],
  );
}
