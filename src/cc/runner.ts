/**
 * The kernel's ModuleRunner for modules built from C on the machine: parse the image's
 * sources (cached), bring the module's data back from JSON, run the function the kernel
 * calls through the interpreter, and hand back how it ended. Parameters live in the
 * kernel (sysfs text); the C reads and writes them converted to and from its types.
 */
import type { ModuleImage, ParamDef } from '../kernel/image';
import type { CodeCall, CodeOutcome, Json, ModuleApi, ModuleRunner } from '../kernel/module-code';
import type { TranslationUnit } from './parse';
import { parseSource } from './module-image';
import { Interpreter, type Machine } from './interp';
import { Fault } from './fault';
import { big, emptyMemory, fromJson, isPtr, memoryFromJson, memoryToJson, OutOfMemoryBudget, toJson, truthy, withinCells, type ModuleMemory, type Value } from './memory';

/** Parsed sources kept between calls (a class loads the same few modules again and again). */
const PARSED_CACHE_MAX = 64;
const parsed = new Map<string, TranslationUnit>();

function unitsOf(image: ModuleImage): Array<{ path: string; unit: TranslationUnit }> {
  return (image.code?.units ?? []).map((source) => {
    const { path, text } = source;
    const key = `${image.name}\0${path}\0${text}\0${JSON.stringify(source.headers ?? [])}\0${JSON.stringify(source.commandLine ?? [])}`;
    let unit = parsed.get(key);
    if (!unit) {
      try {
        unit = parseSource(source, image.name);
      } catch {
        // it compiled when it was built; a damaged image runs as an empty one
        unit = { includes: [], structs: {}, globals: [], functions: [], prototypes: [], macros: [], recovered: [] };
      }
      if (parsed.size >= PARSED_CACHE_MAX) parsed.delete(parsed.keys().next().value as string);
      parsed.set(key, unit);
    }
    return { path, unit };
  });
}

/** The C type a parameter's variable has, by its param type. */
const PARAM_C_TYPE: Record<string, string> = {
  byte: 'unsigned char', short: 'short', ushort: 'unsigned short', int: 'int', uint: 'unsigned int', long: 'long', ulong: 'unsigned long',
  ullong: 'unsigned long long', hexint: 'unsigned int', charp: 'char *', bool: 'bool', invbool: 'bool', string: 'char *',
};

/** Parameter variables and array counters, from the module_param* lines. */
function paramVariables(units: ReadonlyArray<{ unit: TranslationUnit }>, image: ModuleImage): { params: Map<string, { type: string; array: boolean }>; counters: Map<string, string> } {
  const params = new Map<string, { type: string; array: boolean }>();
  const counters = new Map<string, string>();
  for (const { unit } of units) {
    for (const m of unit.macros) {
      const name = m.words[0]?.replace(/^&\s*/, '').trim();
      if (!name) continue;
      if (m.name === 'module_param' || m.name === 'module_param_cb' || m.name === 'module_param_array') {
        const def = image.params.find((p) => p.name === name);
        if (!def) continue;
        params.set(name, { type: PARAM_C_TYPE[def.type] ?? 'int', array: def.arrayMax !== undefined });
        const counter = m.name === 'module_param_array' ? m.words[2]?.replace(/^&\s*/, '').trim() : undefined;
        if (counter && counter !== 'NULL') counters.set(counter, name);
      }
    }
  }
  return { params, counters };
}

function externsOf(units: ReadonlyArray<{ unit: TranslationUnit }>): Set<string> {
  const externs = new Set(units.flatMap(({ unit }) => unit.globals.filter((g) => g.isExtern).map((g) => g.decl.name)));
  for (const { unit } of units) for (const g of unit.globals) if (!g.isExtern) externs.delete(g.decl.name);
  return externs;
}

/** sysfs text → the C value of the variable. */
function paramValue(def: ParamDef, text: string): Value {
  switch (def.type) {
    case 'bool':
      return text === 'Y' ? 1 : 0;
    case 'invbool':
      return text === 'Y' ? 0 : 1;
    case 'charp':
    case 'string':
      return text === '(null)' ? 0 : text;
    default: {
      try {
        const v = BigInt(text);
        return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      } catch {
        return 0;
      }
    }
  }
}

/** The C value → text param_set_* takes. */
function paramText(def: ParamDef, v: Value, readString: (v: Value) => string | undefined): string {
  switch (def.type) {
    case 'bool':
      return truthy(v) ? 'Y' : 'N';
    case 'invbool':
      return truthy(v) ? 'N' : 'Y';
    case 'charp':
    case 'string':
      return readString(v) ?? '(null)';
    default:
      return big(v).toString();
  }
}

function machineOf(api: ModuleApi, image: ModuleImage, it: () => Interpreter): Machine {
  const def = (name: string): ParamDef | undefined => image.params.find((p) => p.name === name);
  return {
    printk: (level, text) => api.printk(level, text),
    warn: (at) => api.warn(at),
    sleep: (ms) => api.sleep(ms),
    allocate: (bytes) => api.allocate(bytes),
    free: (bytes) => api.free(bytes),
    readParam: (name) => {
      if (name.startsWith('#')) return api.paramCount(name.slice(1));
      const d = def(name);
      const text = api.param(name);
      if (!d || text === undefined) return undefined;
      if (d.arrayMax !== undefined) return text.split(',').map((t) => paramValue(d, t));
      return paramValue(d, text);
    },
    writeParam: (name, v) => {
      const d = def(name);
      return d ? api.setParam(name, paramText(d, v, (x) => it().readString(x))) : 0;
    },
    setParam: (name, text) => api.setParam(name, text),
    callExport: (symbol, args) => {
      const outcome = api.callExport(symbol, args.map(toJson));
      if (outcome.kind === 'return') return outcome.value;
      return new Fault(outcome.kind, outcome.at, outcome.kind === 'oops' ? outcome.address : 0, outcome.kind === 'oops' && outcome.write, outcome.kind === 'oops' && outcome.fetch === true);
    },
    readExport: (symbol) => {
      const j = api.readExport(symbol);
      return j === undefined ? undefined : fromJson(j);
    },
    writeExport: (symbol, v) => api.writeExport(symbol, toJson(v)),
  };
}

/** Bring the module's memory back (or make it: globals initialized, as the loader copies .data). */
function open(image: ModuleImage, memory: { data?: Json }, units: Array<{ path: string; unit: TranslationUnit }>, machine: Machine): Interpreter {
  const { params, counters } = paramVariables(units, image);
  const restored = memoryFromJson(memory.data);
  const mem: ModuleMemory = restored ?? emptyMemory();
  const it = new Interpreter(units, mem, machine, params, counters, externsOf(units));
  if (!restored) it.initGlobals(units);
  return it;
}

function asNumber(v: Value): number {
  if (isPtr(v) || typeof v === 'string') return 0;
  return Number(BigInt.asIntN(32, big(v)));
}

/** The call itself: how it ended. */
function run(running: Interpreter, call: CodeCall): CodeOutcome {
  try {
    const v = running.call(call.function, call.args.map(fromJson));
    return { kind: 'return', value: asNumber(v) };
  } catch (e) {
    if (e instanceof Fault) {
      if (e.kind === 'oops') return { kind: 'oops', address: e.address, write: e.write, ...(e.fetch ? { fetch: true } : {}), at: e.at };
      return { kind: e.kind, at: e.at };
    }
    if (e instanceof OutOfMemoryBudget) return { kind: 'lockup', at: running.spot() };
    // Recursion deep enough to outgrow the host's stack: the kernel stack would have overflowed too.
    if (e instanceof RangeError) return { kind: 'lockup', at: running.spot() };
    throw e;
  }
}

export const cRunner: ModuleRunner = {
  call(call: CodeCall): CodeOutcome {
    const units = unitsOf(call.image);
    let it: Interpreter | undefined;
    const machine = machineOf(call.api, call.image, () => it as Interpreter);
    try {
      it = open(call.image, call.memory, units, machine);
    } catch (e) {
      if (e instanceof OutOfMemoryBudget || e instanceof Fault) return { kind: 'lockup', at: { file: units[0]?.path ?? '', line: 0, function: call.function } };
      throw e;
    }
    const running = it;
    const outcome = run(running, call);
    // Data grown past its budget (element by element, after the last allocation's check)
    // never reaches the document: the call never returned, the data stays as it was.
    if (!withinCells(running.memory)) return outcome.kind === 'return' ? { kind: 'lockup', at: running.spot() } : outcome;
    call.memory.data = memoryToJson(running.memory);
    return outcome;
  },

  read(image, memory, name) {
    const m = memoryFromJson(memory.data);
    const v = m?.globals[name];
    return v === undefined ? undefined : toJson(v);
  },

  write(image, memory, name, value) {
    const m = memoryFromJson(memory.data) ?? emptyMemory();
    m.globals[name] = fromJson(value);
    memory.data = memoryToJson(m);
    void image;
  },
};
