/**
 * The values and memory of a module's C as the interpreter keeps them. Integers are JS
 * numbers while they are exact, bigints beyond; a struct is a record of its members, an
 * array a list; a pointer names where it points (a global, a kmalloc'd block, a local of
 * the running call) and the path of members and indexes inside it. NULL is the integer 0.
 * A module's globals and heap are plain JSON between calls (the scope's document keeps
 * them in LoadedModule.data); bounded by MAX_CELLS.
 */
import type { Json } from '../kernel/module-code';
import { MAX_CELLS } from './limits';

export type Step = string | number;

/** Where a pointer points: g:NAME (a global), h:ID (a heap block), l:ID (a local cell of this run). */
export interface Ptr {
  ptr: string;
  path: Step[];
}

export interface Struct {
  f: Record<string, Value>;
}

export interface FnRef {
  fn: string;
}

export type Value = number | bigint | string | Ptr | Struct | FnRef | Value[];

export function isPtr(v: Value): v is Ptr {
  return typeof v === 'object' && !Array.isArray(v) && 'ptr' in v;
}
export function isStruct(v: Value): v is Struct {
  return typeof v === 'object' && !Array.isArray(v) && 'f' in v;
}
export function isFn(v: Value): v is FnRef {
  return typeof v === 'object' && !Array.isArray(v) && 'fn' in v;
}

/** Thrown when a run would hold more than MAX_CELLS values: its budget is spent. */
export class OutOfMemoryBudget {}

/** The module's data: globals by name, kmalloc'd blocks by id. */
export interface ModuleMemory {
  globals: Record<string, Value>;
  heap: Record<string, { size: number; value: Value }>;
  nextBlock: number;
}

export function emptyMemory(): ModuleMemory {
  return { globals: {}, heap: {}, nextBlock: 1 };
}

/** How many values V holds (arrays and structs count their parts). */
export function cells(v: Value): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + cells(x), 1);
  if (isStruct(v)) return Object.values(v.f).reduce((n: number, x) => n + cells(x), 1);
  return 1;
}

export function checkCells(m: ModuleMemory): void {
  if (!withinCells(m)) throw new OutOfMemoryBudget();
}

/** Whether the module's data holds at most MAX_CELLS values. */
export function withinCells(m: ModuleMemory): boolean {
  let n = 0;
  for (const v of Object.values(m.globals)) n += cells(v);
  for (const b of Object.values(m.heap)) n += cells(b.value);
  return n <= MAX_CELLS;
}

/** A deep copy (struct assignment copies; arrays inside structs too). */
export function copy(v: Value): Value {
  if (Array.isArray(v)) return v.map(copy);
  if (isStruct(v)) return { f: Object.fromEntries(Object.entries(v.f).map(([k, x]) => [k, copy(x)])) };
  if (isPtr(v)) return { ptr: v.ptr, path: [...v.path] };
  return v;
}

/** To JSON: bigints as {big: "…"}. */
export function toJson(v: Value): Json {
  if (typeof v === 'bigint') return { big: v.toString() };
  if (Array.isArray(v)) return v.map(toJson);
  if (isStruct(v)) return { f: Object.fromEntries(Object.entries(v.f).map(([k, x]) => [k, toJson(x)])) };
  if (isPtr(v)) return { ptr: v.ptr, path: v.path };
  if (isFn(v)) return { fn: v.fn };
  return v;
}

export function fromJson(j: Json): Value {
  if (j === null || typeof j === 'boolean') return j ? 1 : 0;
  if (typeof j === 'number' || typeof j === 'string') return j;
  if (Array.isArray(j)) return j.map(fromJson);
  if (typeof j.big === 'string') return BigInt(j.big);
  if (typeof j.ptr === 'string' && Array.isArray(j.path)) return { ptr: j.ptr, path: j.path.filter((s): s is Step => typeof s === 'string' || typeof s === 'number') };
  if (typeof j.fn === 'string') return { fn: j.fn };
  if (typeof j.f === 'object' && j.f !== null && !Array.isArray(j.f)) return { f: Object.fromEntries(Object.entries(j.f).map(([k, x]) => [k, fromJson(x)])) };
  return 0;
}

export function memoryToJson(m: ModuleMemory): Json {
  return {
    globals: Object.fromEntries(Object.entries(m.globals).map(([k, v]) => [k, toJson(v)])),
    heap: Object.fromEntries(Object.entries(m.heap).map(([k, b]) => [k, { size: b.size, value: toJson(b.value) }])),
    nextBlock: m.nextBlock,
  };
}

export function memoryFromJson(j: Json | undefined): ModuleMemory | undefined {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) return undefined;
  const m = emptyMemory();
  const g = j.globals;
  if (typeof g === 'object' && g !== null && !Array.isArray(g)) for (const [k, v] of Object.entries(g)) m.globals[k] = fromJson(v);
  const h = j.heap;
  if (typeof h === 'object' && h !== null && !Array.isArray(h)) {
    for (const [k, b] of Object.entries(h)) {
      if (typeof b === 'object' && b !== null && !Array.isArray(b)) m.heap[k] = { size: typeof b.size === 'number' ? b.size : 0, value: fromJson(b.value ?? 0) };
    }
  }
  if (typeof j.nextBlock === 'number') m.nextBlock = j.nextBlock;
  return m;
}

/** An integer's value as a bigint (pointers and strings count as non-zero addresses). */
export function big(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  return 0x40000000n;
}

/** A bigint back to a number when exact. */
export function norm(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export function truthy(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  return true;
}

/** An integer type's width and signedness (x86-64 LP64). */
export function intType(type: string): { bits: number; signed: boolean } | undefined {
  const t = type.replace(/\b(const|volatile|static|extern|register)\b/g, '').trim().replace(/\s+/g, ' ');
  if (t === '' || t.startsWith('struct') || t.startsWith('union') || t === 'void' || t === 'float' || t === 'double') return undefined;
  if (t === 'bool' || t === '_Bool') return { bits: 1, signed: false };
  const fixed = /^(u|s|uint|int)(8|16|32|64)(_t)?$/.exec(t);
  if (fixed) return { bits: Number(fixed[2]), signed: fixed[1] === 's' || fixed[1] === 'int' };
  if (t === 'size_t' || t === 'uintptr_t') return { bits: 64, signed: false };
  if (t === 'ssize_t' || t === 'loff_t') return { bits: 64, signed: true };
  const unsigned = /\bunsigned\b/.test(t);
  if (/\bchar\b/.test(t)) return { bits: 8, signed: !unsigned };
  if (/\bshort\b/.test(t)) return { bits: 16, signed: !unsigned };
  if (/\blong\b/.test(t)) return { bits: 64, signed: !unsigned };
  if (/\b(int|signed|unsigned)\b/.test(t)) return { bits: 32, signed: !unsigned };
  return undefined;
}

/** Conversion to an integer type on store: C's wrap-around (bool: 0 or 1). */
export function convert(type: string, v: Value): Value {
  const it = intType(type);
  if (!it || !(typeof v === 'number' || typeof v === 'bigint')) return v;
  if (it.bits === 1) return truthy(v) ? 1 : 0;
  if (typeof v === 'number' && it.bits === 32 && Number.isInteger(v)) return it.signed ? v | 0 : v >>> 0;
  // inside the type's range already: nothing to wrap
  if (typeof v === 'number' && Number.isSafeInteger(v) && (it.bits === 64 ? (it.signed || v >= 0) : it.signed ? Math.abs(v) < 2 ** (it.bits - 1) : v >= 0 && v < 2 ** it.bits)) return v;
  const b = big(v);
  return norm(it.signed ? BigInt.asIntN(it.bits, b) : BigInt.asUintN(it.bits, b));
}

type Members = ReadonlyArray<{ name: string; type: string; pointer: boolean; length?: number }>;
type Structs = Record<string, Members>;

/** Struct sizes worked out once per set of declarations (a struct is laid out once, however often it is nested). */
const structSizes = new WeakMap<Structs, Map<string, number>>();

/** sizeof for the types a module names (x86-64). */
export function sizeOf(type: string, pointer: boolean, structs: Structs): number {
  if (pointer) return 8;
  const t = type.replace(/\b(const|volatile|static)\b/g, '').trim();
  const s = structs[t];
  if (s) return structSize(t, s, structs);
  if (t === 'struct list_head') return 16;
  const it = intType(t);
  if (it) return Math.max(1, it.bits / 8);
  return t === 'double' ? 8 : t === 'float' ? 4 : 1;
}

function structSize(name: string, members: Members, structs: Structs): number {
  let known = structSizes.get(structs);
  if (!known) structSizes.set(structs, (known = new Map()));
  const size = known.get(name);
  if (size !== undefined) return size;
  // While it is being laid out a struct counts 0 inside itself: C has no such struct (gcc:
  // "field has incomplete type"), and the walk must end.
  known.set(name, 0);
  const laid = layout(members, structs).size;
  known.set(name, laid);
  return laid;
}

/** Member offsets with natural alignment, and the padded size. */
export function layout(members: Members, structs: Structs): { offsets: Record<string, number>; size: number } {
  let off = 0;
  let align = 1;
  const offsets: Record<string, number> = {};
  for (const m of members) {
    const one = sizeOf(m.type, m.pointer, structs);
    const a = Math.min(8, structs[m.type] ? 8 : one);
    off = Math.ceil(off / a) * a;
    offsets[m.name] = off;
    off += one * (m.length !== undefined && m.length > 0 ? m.length : 1);
    align = Math.max(align, a);
  }
  return { offsets, size: Math.ceil(off / align) * align || 0 };
}
