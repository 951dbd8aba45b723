/**
 * A scope's document as it is stored (schema 2): only what this conversation changed. The
 * boot log every machine starts with is shared, read-only data (src/modules' boot log, as
 * the kernel replays it for a command line); the document names the part of it still in the
 * ring instead of copying ~370 records into every scope. Log records and history entries
 * are stored as tuples, without their field names; times as the difference from the one
 * before (a log record's usec, an entry's ms), and each user's name once. `unpack` gives back the ScopeState the
 * rest of Modlab works on; a document that does not fit is reported as damaged, never guessed.
 */
import type { LogLevel } from '../kernel/image';
import type { KernelState, LogRecord, PrintkState } from '../kernel/state';
import type { HistoryEntry } from '../userland/tool';
import { bootPrintk } from '../kernel';
import { kernelConfig } from '../modules';
import { DEFAULT_HOSTNAME } from '../machine/machine';
import { damaged } from '../store/envelope';

/** The shared part every machine booted with one command line starts from. */
export interface SharedBase {
  /** The ring a boot with the full kernel command line CMDLINE leaves (seq 0, 1, …). */
  bootRing(cmdline: string): readonly LogRecord[];
}

/** How many command lines' boot rings are kept (a class uses one or two). */
const BOOT_RINGS_CACHED = 16;

const rings = new Map<string, readonly LogRecord[]>();

/** Debian 12's boot log, from the catalog VM (src/modules/data/boot.json). */
export const debianBase: SharedBase = {
  bootRing(cmdline) {
    let ring = rings.get(cmdline);
    if (!ring) {
      if (rings.size >= BOOT_RINGS_CACHED) rings.clear();
      ring = bootPrintk(kernelConfig(DEFAULT_HOSTNAME), cmdline).records;
      rings.set(cmdline, ring);
    }
    return ring;
  },
};

/** seq, usec − the previous record's usec, level, facility, text[, origin] */
export type StoredRecord = [number, number, number, number, string] | [number, number, number, number, string, string];
/** index in `users`, line, at − the previous entry's at (ms), status */
export type StoredEntry = [number, string, number, number];

interface StoredHistory {
  users: string[];
  entries: StoredEntry[];
}

interface StoredPrintk {
  nextSeq: number;
  clearSeq: number;
  used?: number;
  /** [first seq, count]: the ring starts with these records of the shared boot ring. */
  boot?: [number, number];
  /** The records after them. */
  log: StoredRecord[];
}

type Doc = Record<string, unknown>;

/** What pack needs of a ScopeState (state.ts). */
interface Packable {
  machine: { kernel: KernelState };
  history: readonly HistoryEntry[];
}

/** STATE as its schema-2 document: the shared boot records referenced, the rest as tuples. */
export function pack(state: Packable, base: SharedBase): Doc {
  const kernel = state.machine.kernel;
  const { head, count } = packedPrintk(kernel, base);
  const printk: StoredPrintk = { nextSeq: head.nextSeq, clearSeq: head.clearSeq, log: [] };
  let usec = 0;
  printk.log = kernel.printk.records.slice(count).map((r): StoredRecord => {
    const tuple = recordTuple(r, usec);
    usec = r.usec;
    return tuple;
  });
  if (head.used !== undefined) printk.used = head.used;
  if (head.boot !== undefined) printk.boot = head.boot;
  return {
    ...state,
    schema: 2,
    machine: { ...state.machine, kernel: { ...kernel, printk } },
    history: packHistory(state.history),
  };
}

/** The stored printk's fields but its log, and how many records of the ring are the shared boot ring's. */
export function packedPrintk(kernel: KernelState, base: SharedBase): { head: Omit<StoredPrintk, 'log'>; count: number } {
  const ring = kernel.printk;
  const shared = base.bootRing(kernel.cmdline);
  const from = ring.records[0]?.seq ?? 0;
  let count = 0;
  while (count < ring.records.length && from + count < shared.length && sameRecord(ring.records[count], shared[from + count])) count++;
  const head: Omit<StoredPrintk, 'log'> = { nextSeq: ring.nextSeq, clearSeq: ring.clearSeq };
  if (ring.used !== undefined) head.used = ring.used;
  if (count > 0) head.boot = [from, count];
  return { head, count };
}

/** A log record as its stored tuple, its usec as the difference from USEC_BEFORE (the record before it in the log). */
export function recordTuple(r: LogRecord, usecBefore: number): StoredRecord {
  const tuple: StoredRecord = [r.seq, r.usec - usecBefore, r.level, r.facility, r.text];
  if (r.origin !== undefined) tuple.push(r.origin);
  return tuple;
}

/** A history entry as its stored tuple: U its user's index, AT_BEFORE the time of the entry before it. */
export function entryTuple(e: HistoryEntry, u: number, atBefore: number): StoredEntry {
  return [u, e.line, e.at - atBefore, e.status];
}

function packHistory(history: readonly HistoryEntry[]): StoredHistory {
  const users: string[] = [];
  const index = new Map<string, number>();
  let at = 0;
  const entries = history.map((e): StoredEntry => {
    let u = index.get(e.user);
    if (u === undefined) {
      u = users.push(e.user) - 1;
      index.set(e.user, u);
    }
    const entry = entryTuple(e, u, at);
    at = e.at;
    return entry;
  });
  return { users, entries };
}

/** A schema-2 document as the ScopeState it stands for (schema 1's shape); throws 'state-damaged'. */
export function unpack(doc: Doc, base: SharedBase): Doc {
  const machine = doc.machine;
  if (!isObject(machine) || !isObject(machine.kernel)) throw damaged('machine.kernel is missing');
  const kernel = machine.kernel;
  const printk = kernel.printk;
  if (!isObject(printk) || !Array.isArray(printk.log)) throw damaged('machine.kernel.printk has no list of records');
  if (typeof kernel.cmdline !== 'string') throw damaged('machine.kernel.cmdline is not a command line');
  const records: LogRecord[] = [];
  if (printk.boot !== undefined) {
    const [from, count] = Array.isArray(printk.boot) ? printk.boot : [];
    const shared = base.bootRing(kernel.cmdline);
    if (!isCount(from) || !isCount(count) || from + count > shared.length) throw damaged('machine.kernel.printk.boot is not a part of the boot log');
    for (let i = from; i < from + count; i++) records.push({ ...shared[i] });
  }
  let usec = 0;
  printk.log.forEach((tuple: unknown, i) => {
    const rec = recordOf(tuple, i, usec);
    usec = rec.usec;
    records.push(rec);
  });
  const ring: PrintkState = { nextSeq: Number(printk.nextSeq), clearSeq: Number(printk.clearSeq), records };
  if (typeof printk.used === 'number') ring.used = printk.used;
  const history = doc.history;
  if (!isObject(history) || !Array.isArray(history.users) || !history.users.every((u) => typeof u === 'string') || !Array.isArray(history.entries)) {
    throw damaged('history is not a list of users and entries');
  }
  const users = history.users as string[];
  let at = 0;
  return {
    ...doc,
    machine: { ...machine, kernel: { ...kernel, printk: ring } },
    history: history.entries.map((tuple: unknown, i) => {
      const entry = entryOf(tuple, i, users, at);
      at = entry.at;
      return entry;
    }),
  };
}

function sameRecord(a: LogRecord, b: LogRecord): boolean {
  return a.seq === b.seq && a.usec === b.usec && a.level === b.level && a.facility === b.facility && a.text === b.text && a.origin === b.origin;
}

function recordOf(tuple: unknown, i: number, usecBefore: number): LogRecord {
  if (!Array.isArray(tuple) || tuple.length < 5 || tuple.length > 6 || !tuple.slice(0, 4).every((n) => typeof n === 'number') || typeof tuple[4] !== 'string'
    || (tuple.length === 6 && typeof tuple[5] !== 'string')) {
    throw damaged(`machine.kernel.printk.log[${i}] is not a log record`);
  }
  const [seq, usec, level, facility, text, origin] = tuple as [number, number, number, number, string, string?];
  const rec: LogRecord = { seq, usec: usecBefore + usec, level: level as LogLevel, facility, text };
  if (origin !== undefined) rec.origin = origin;
  return rec;
}

function entryOf(tuple: unknown, i: number, users: readonly string[], atBefore: number): HistoryEntry {
  if (!Array.isArray(tuple) || tuple.length !== 4 || typeof users[tuple[0]] !== 'string' || typeof tuple[1] !== 'string' || typeof tuple[2] !== 'number' || typeof tuple[3] !== 'number') {
    throw damaged(`history[${i}] is not a command entry`);
  }
  const [user, line, at, status] = tuple as StoredEntry;
  return { user: users[user], line, at: atBefore + at, status };
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
