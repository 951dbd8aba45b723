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
import { derived, derivedKey, keepDerived } from '../contracts/derived';

interface KeptRecord {
  ref: LogRecord;
  seq: number;
  usec: number;
  level: number;
  facility: number;
  text: string;
  origin: string | undefined;
  usecBefore: number;
  json: string;
}

/** The log's JSON as last written for one ring (its records array), each record's part where it starts in TEXT. */
interface LogText {
  kept: KeptRecord[];
  starts: number[];
  text: string;
}

interface KeptEntry {
  ref: HistoryEntry;
  user: string;
  line: string;
  at: number;
  status: number;
  u: number;
  atBefore: number;
  json: string;
}

// Kept with the ring's and the history's arrays themselves (src/contracts/derived.ts).
const LOG_TEXT = derivedKey<LogText>('the log JSON last written');
const HISTORY_TEXT = derivedKey<KeptEntry[]>('the history JSON last written');

/** A number as JSON.stringify writes it. */
function numberJson(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

function keptRecord(r: LogRecord, usecBefore: number): KeptRecord {
  // recordTuple's JSON, written directly: a tuple array for each record of a cold ring cost more than the rest of the step.
  let json = `[${numberJson(r.seq)},${numberJson(r.usec - usecBefore)},${numberJson(r.level)},${numberJson(r.facility)},${JSON.stringify(r.text)}`;
  if (r.origin !== undefined) json += `,${JSON.stringify(r.origin)}`;
  return { ref: r, seq: r.seq, usec: r.usec, level: r.level, facility: r.facility, text: r.text, origin: r.origin, usecBefore, json: json + ']' };
}

/** Whether K was written from R as it is now, after a record at USEC_BEFORE. A record's text can still grow (KERN_CONT): every field is compared. */
function unchanged(k: KeptRecord | undefined, r: LogRecord, usecBefore: number): k is KeptRecord {
  return k !== undefined && k.ref === r && k.usecBefore === usecBefore && k.seq === r.seq && k.usec === r.usec && k.level === r.level && k.facility === r.facility
    && k.text === r.text && k.origin === r.origin;
}

/**
 * The JSON of RING's records from FROM on, comma-separated. A ring only grows at its end
 * and drops at its start, so the runs of records unchanged since the last write are taken
 * from that write's text as slices (a step adds a record or two to a log of thousands).
 */
function logJson(ring: readonly LogRecord[], from: number): string {
  const prev = derived(ring, LOG_TEXT);
  // Where the log's first record was in the last write (the records before it were dropped since).
  const shift = prev && from < ring.length ? prev.kept.findIndex((k) => k.ref === ring[from]) : -1;
  const kept: KeptRecord[] = [];
  const starts: number[] = [];
  let text = '';
  // The run of reused records going on: where it starts in the last write's records, and in the new text.
  let run = -1;
  let runAt = 0;
  const endRun = (last: number): void => {
    if (!prev || run < 0) return;
    text += prev.text.slice(prev.starts[run], prev.starts[last] + prev.kept[last].json.length);
    run = -1;
  };
  let usec = 0;
  for (let i = from; i < ring.length; i++) {
    const r = ring[i];
    const at = shift < 0 ? -1 : shift + i - from;
    const old = prev && at >= 0 ? prev.kept[at] : undefined;
    if (prev && unchanged(old, r, usec)) {
      if (run < 0) {
        if (kept.length > 0) text += ',';
        run = at;
        runAt = text.length;
      }
      starts.push(runAt + prev.starts[at] - prev.starts[run]);
      kept.push(old);
    } else {
      endRun(at - 1);
      if (kept.length > 0) text += ',';
      const k = keptRecord(r, usec);
      starts.push(text.length);
      text += k.json;
      kept.push(k);
    }
    usec = r.usec;
  }
  endRun(shift + ring.length - 1 - from);
  keepDerived(ring, LOG_TEXT, { kept, starts, text });
  return text;
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
  const prev = derived(history, HISTORY_TEXT);
  // The history only loses entries at its start (boundHistory) and gains them at its end.
  const shift = prev && history.length > 0 ? prev.findIndex((k) => k.ref === history[0]) : -1;
  const users: string[] = [];
  const index = new Map<string, number>();
  const kept: KeptEntry[] = [];
  let at = 0;
  for (let i = 0; i < history.length; i++) {
    const e = history[i];
    let u = index.get(e.user);
    if (u === undefined) {
      u = users.push(e.user) - 1;
      index.set(e.user, u);
    }
    const old = prev && shift >= 0 ? prev[shift + i] : undefined;
    const same = old !== undefined && old.ref === e && old.u === u && old.atBefore === at && old.user === e.user && old.line === e.line && old.at === e.at && old.status === e.status;
    kept.push(same ? old : { ref: e, user: e.user, line: e.line, at: e.at, status: e.status, u, atBefore: at, json: JSON.stringify(entryTuple(e, u, at)) });
    at = e.at;
  }
  keepDerived(history, HISTORY_TEXT, kept);
  return `{"users":${JSON.stringify(users)},"entries":[${kept.map((k) => k.json).join(',')}]}`;
}

/** JSON.stringify(pack(STATE, BASE)), from the JSON kept for the records and entries it wrote before. */
export function packedText(state: ScopeState, base: SharedBase): string {
  const kernel = state.machine.kernel;
  const printk = (): string => {
    const { head, count } = packedPrintk(kernel, base);
    let json = `{"nextSeq":${JSON.stringify(head.nextSeq)},"clearSeq":${JSON.stringify(head.clearSeq)},"log":[${logJson(kernel.printk.records, count)}]`;
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
