/**
 * Module parameters as kernel/params.c (6.1) handles them: parse_args() splits the
 * insmod/modprobe argument string (next_arg(), with its quoting rules), parse_one() finds
 * the parameter (dashes and underscores match) and calls the type's set(); the get()
 * formats are what /sys/module/NAME/parameters/P shows.
 *
 * Values are kept as LoadedModule.params holds them: a scalar as its sysfs text without the
 * newline; an array as all of its elements, comma separated (sysfs shows the first
 * paramCounts[P] of them when module_param_array was given a count, see `counted`).
 */
import type { LogLevel, ParamDef, ParamType } from './image';
import { EINVAL, ENOENT, ENOSPC } from './errno';
import { kstrtobool, kstrtoSigned, kstrtoUnsigned } from './kstrtox';

export interface KernelMessage {
  level: LogLevel;
  text: string;
}

interface IntType {
  signed: boolean;
  bits: number;
  format: (v: bigint) => string;
}

/** STANDARD_PARAM_DEF(name, type, format, strtolfn) of params.c. */
const INT_TYPES: Partial<Record<ParamType, IntType>> = {
  byte: { signed: false, bits: 8, format: (v) => v.toString() },
  short: { signed: true, bits: 16, format: (v) => v.toString() },
  ushort: { signed: false, bits: 16, format: (v) => v.toString() },
  int: { signed: true, bits: 32, format: (v) => v.toString() },
  uint: { signed: false, bits: 32, format: (v) => v.toString() },
  long: { signed: true, bits: 64, format: (v) => v.toString() },
  ulong: { signed: false, bits: 64, format: (v) => v.toString() },
  ullong: { signed: false, bits: 64, format: (v) => v.toString() },
  // "%#08x": the 0x prefix counts in the width, and is left out for zero
  hexint: { signed: false, bits: 32, format: (v) => (v === 0n ? '00000000' : '0x' + v.toString(16).padStart(6, '0')) },
};

/** KERNEL_PARAM_OPS_FL_NOARG: only param_ops_bool may be given without "=value". */
function takesNoArg(def: ParamDef): boolean {
  return def.type === 'bool' && def.arrayMax === undefined;
}

/** The value a type starts with when a module leaves it out of its defaults. */
function zeroValue(type: ParamType): string {
  if (type === 'bool' || type === 'invbool') return 'N';
  if (type === 'charp') return '(null)';
  if (type === 'string') return '';
  return INT_TYPES[type]?.format(0n) ?? '0';
}

/** One element's set(): the stored text, or a negative errno. */
function setOne(def: ParamDef, val: string, messages: KernelMessage[]): string | number {
  const int = INT_TYPES[def.type];
  if (int) {
    const v = int.signed ? kstrtoSigned(val, 0, int.bits) : kstrtoUnsigned(val, 0, int.bits);
    if (typeof v === 'number') return v;
    // param_set_uint_minmax and module_param_cb setters with bounds answer -EINVAL
    if ((def.min !== undefined && v < BigInt(def.min)) || (def.max !== undefined && v > BigInt(def.max))) return -EINVAL;
    return int.format(v);
  }
  switch (def.type) {
    case 'bool':
    case 'invbool': {
      const b = kstrtobool(val);
      if (typeof b === 'number') return b;
      return b ? 'Y' : 'N';
    }
    case 'charp':
      if (Buffer.byteLength(val) > 1024) {
        messages.push({ level: 3, text: `${def.name}: string parameter too long` });
        return -ENOSPC;
      }
      return val;
    default:
      return val;
  }
}

/** All elements of an array parameter's current value, padded to arrayMax. */
export function arrayElements(def: ParamDef, stored: string): string[] {
  const max = def.arrayMax ?? 1;
  const elems = stored === '' ? [] : stored.split(',');
  while (elems.length < max) elems.push(zeroValue(def.type));
  return elems.slice(0, max);
}

export interface ParamValue {
  value: string;
  count?: number;
}

/**
 * ops->set(val): param_array() for arrays (each comma separated element, at most arrayMax:
 * "NAME: can only take N arguments"); a scalar set otherwise. `val` null means no "=".
 */
export function paramSet(
  def: ParamDef,
  val: string | null,
  current: string,
  messages: KernelMessage[],
  /** param_array() stores each element as it goes: what was stored before an error (11h: "a,b,c,d"). */
  partial?: (stored: ParamValue) => void,
): ParamValue | number {
  if (def.arrayMax === undefined) {
    const v = setOne(def, val ?? '1', messages);
    return typeof v === 'number' ? v : { value: v };
  }
  if (val === null) return -EINVAL;
  const elems = arrayElements(def, current);
  const max = def.arrayMax;
  let num = 0;
  let rest = val;
  for (;;) {
    if (num === max) {
      messages.push({ level: 3, text: `${def.name}: can only take ${max} arguments` });
      partial?.({ value: elems.join(','), count: num });
      return -EINVAL;
    }
    const comma = rest.indexOf(',');
    const piece = comma >= 0 ? rest.slice(0, comma) : rest;
    const v = setOne(def, piece, messages);
    if (typeof v === 'number') return v;
    elems[num++] = v;
    if (comma < 0) break;
    rest = rest.slice(comma + 1);
  }
  return { value: elems.join(','), count: num };
}

/** What ops->get() prints for the value (param_array_get joins the first `count` elements). */
export function paramGet(def: ParamDef, value: string, count: number | undefined): string {
  if (def.arrayMax === undefined) return `${value}\n`;
  const elems = arrayElements(def, value);
  const shown = count === undefined ? elems : elems.slice(0, count);
  return shown.length === 0 ? '' : `${shown.join(',')}\n`;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function skipSpaces(s: string): string {
  let i = 0;
  while (isSpace(s[i])) i++;
  return s.slice(i);
}

/** The C string starting at `from` in a buffer where '\0' ends strings. */
function cstr(buf: string[], from: number): string {
  let out = '';
  for (let i = from; i < buf.length && buf[i] !== '\0'; i++) out += buf[i];
  return out;
}

/** next_arg(): one "param[=value]" with double quotes grouping spaces; quotes around the value are dropped. */
export function nextArg(input: string): { param: string; val: string | null; rest: string } {
  let args = input;
  let inQuote = false;
  let quoted = false;
  if (args[0] === '"') {
    args = args.slice(1);
    inQuote = true;
    quoted = true;
  }
  let i = 0;
  let equals = 0;
  for (; i < args.length; i++) {
    if (isSpace(args[i]) && !inQuote) break;
    if (equals === 0 && args[i] === '=') equals = i;
    if (args[i] === '"') inQuote = !inQuote;
  }
  const buf = [...args.slice(0, i)];
  let valStart = -1;
  if (equals !== 0) {
    buf[equals] = '\0';
    valStart = equals + 1;
    if (buf[valStart] === '"') {
      valStart++;
      if (buf[i - 1] === '"') buf[i - 1] = '\0';
    }
  }
  if (quoted && i > 0 && buf[i - 1] === '"') buf[i - 1] = '\0';
  const rest = i < args.length ? args.slice(i + 1) : '';
  return { param: cstr(buf, 0), val: valStart < 0 ? null : cstr(buf, valStart), rest: skipSpaces(rest) };
}

/** parameq(): '-' and '_' are the same character. */
export function parameq(a: string, b: string): boolean {
  return a.replace(/-/g, '_') === b.replace(/-/g, '_');
}

export interface ParamState {
  values: Record<string, string>;
  counts: Record<string, number>;
}

/** The parameters of a freshly loaded module, before its arguments are parsed. */
export function defaultParams(defs: readonly ParamDef[]): ParamState {
  const values: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const d of defs) {
    values[d.name] = d.arrayMax === undefined ? d.default : arrayElements(d, d.default).join(',');
    if (d.arrayMax !== undefined) counts[d.name] = 0;
  }
  return { values, counts };
}

/** unknown_module_param_cb(): async_probe and dyndbg are the kernel's own; the rest is only reported. */
function unknownModuleParam(modname: string, param: string, messages: KernelMessage[]): void {
  if (param === 'async_probe') return;
  const dot = param.indexOf('.');
  if ((dot >= 0 ? param.slice(dot + 1) : param) === 'dyndbg') return;
  messages.push({ level: 4, text: `${modname}: unknown parameter '${param}' ignored` });
}

/**
 * parse_args(mod->name, args, …, unknown_module_param_cb) as load_module() calls it.
 * Every argument is tried (an error is remembered, parsing goes on); the last error is
 * returned. Messages are in the order the kernel prints them.
 */
export function parseModuleArgs(
  modname: string,
  input: string,
  defs: readonly ParamDef[],
  state: ParamState,
  messages: KernelMessage[],
  /** A module_param_cb's own set function (ParamDef.setter): 0 or a negative errno. */
  customSet?: (def: ParamDef, val: string) => number,
): number {
  let args = skipSpaces(input);
  let err = 0;
  while (args !== '') {
    const { param, val, rest } = nextArg(args);
    args = rest;
    if (val === null && param === '--') {
      if (err === 0) messages.push({ level: 4, text: `${modname}: parameters '${args}' after \`--' ignored` });
      return err;
    }
    const def = defs.find((d) => parameq(param, d.name));
    let ret: number;
    if (!def) {
      unknownModuleParam(modname, param, messages);
      ret = 0;
    } else if (val === null && !takesNoArg(def)) {
      ret = -EINVAL;
    } else if (def.setter !== undefined && customSet) {
      ret = customSet(def, val ?? '');
    } else {
      const v = paramSet(def, val, state.values[def.name] ?? def.default, messages);
      if (typeof v === 'number') ret = v;
      else {
        state.values[def.name] = v.value;
        if (v.count !== undefined) state.counts[def.name] = v.count;
        ret = 0;
      }
    }
    if (ret === 0) continue;
    // param_array() cut the value at its first comma before the message is printed
    const shown = val === null ? '' : def?.arrayMax !== undefined ? val.split(',')[0] : val;
    if (ret === -ENOENT) messages.push({ level: 3, text: `${modname}: Unknown parameter \`${param}'` });
    else if (ret === -ENOSPC) messages.push({ level: 3, text: `${modname}: \`${shown}' too large for parameter \`${param}'` });
    else messages.push({ level: 3, text: `${modname}: \`${shown}' invalid for parameter \`${param}'` });
    err = ret;
  }
  return err;
}

/** The value a module's C code sees, for its printk ({param} placeholders): bools are 0/1. */
export function printkValue(def: ParamDef, stored: string): string {
  if (def.type === 'bool') return stored === 'Y' ? '1' : '0';
  if (def.type === 'invbool') return stored === 'Y' ? '0' : '1';
  return stored;
}
