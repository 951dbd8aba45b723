/**
 * From a module's C files to what kbuild produces: gcc's diagnostics for each file (cc1's
 * output, as 00b-kbuild-errors.txt shows it) and, when they compile, the module image the
 * kernel loads — modinfo tags in .modinfo order (MODULE_* last-first, as 02-modinfo shows),
 * parameters, exports, the symbols left undefined for modpost, and what init and exit print
 * and return (interp.ts).
 */
import type { ExportedSymbol, ModuleImage, ParamDef, ParamType } from '../kernel/image';
import { CSyntaxError, parseUnit, type Expr, type Stmt, type TranslationUnit } from './parse';
import { walkExpr } from './walk';
import { LexError } from './lex';
import { KERNEL_FUNCTIONS } from './kernel-api';
import { check, type Diagnostic } from './check';
import { formatWarnings, includeChain } from './format-check';

export interface SourceFile {
  /** Absolute path, as gcc names the file in its messages. */
  path: string;
  text: string;
}

export interface CompileResult {
  /** What cc1 printed for this file ('' when silent). */
  diagnostics: string;
  ok: boolean;
  unit?: TranslationUnit;
}

/** A line with its tabs expanded to the next multiple of 8, as gcc shows it (-ftabstop=8). */
function expandTabs(line: string): string {
  let out = '';
  for (const c of line) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out;
}

/** The last source's lines: splitting it again for each of 8,000 warnings took 4 s. */
let split: { text: string; lines: string[] } | undefined;

function lineOf(text: string, line: number): string {
  if (split?.text !== text) split = { text, lines: text.split('\n') };
  return split.lines[line - 1] ?? '';
}

/** gcc's display of a source line and a caret under COL..COL+LEN (diagnostic-show-locus.cc). */
function locus(text: string, line: number, col: number, length: number): string {
  const src = expandTabs(lineOf(text, line));
  const num = String(line).padStart(5);
  return `${num} | ${src}\n${' '.repeat(5)} | ${' '.repeat(Math.max(col - 1, 0))}^${'~'.repeat(Math.max(length - 1, 0))}\n`;
}

/** The column gcc prints: tabs advance to the next multiple of 8 (-ftabstop=8). */
function displayColumn(text: string, line: number, byteCol: number): number {
  const src = lineOf(text, line);
  let col = 0;
  for (let i = 0; i < byteCol - 1 && i < src.length; i++) col = src[i] === '\t' ? col + 8 - (col % 8) : col + 1;
  return col + 1;
}

/**
 * gcc in a UTF-8 locale quotes with ‘ ’ (00b-kbuild-errors.txt runs with LANG=C.UTF-8);
 * with LANG=C it uses ' (LC_ALL=C does not reach it: the kernel Makefile unexports LC_ALL).
 */
function quoted(message: string, ascii: boolean): string {
  return ascii ? message.replace(/[‘’]/g, "'") : message.replace(/'([^']*)'/g, '‘$1’');
}

export interface CompileOptions {
  /** LANG=C: ASCII quotes in messages. */
  ascii?: boolean;
}

export function compile(file: SourceFile, modname: string, options: CompileOptions = {}): CompileResult {
  const ascii = options.ascii === true;
  let unit: TranslationUnit;
  try {
    unit = parseUnit(file.text, modname);
  } catch (e) {
    if (e instanceof CSyntaxError || e instanceof LexError) {
      const line = e instanceof CSyntaxError ? e.at.line : e.line;
      const byteCol = e instanceof CSyntaxError ? e.at.col : e.col;
      const length = e instanceof CSyntaxError ? Math.max(e.at.text.length, 1) : 1;
      const col = displayColumn(file.text, line, byteCol);
      return { diagnostics: `${file.path}:${line}:${col}: error: ${quoted(e.message, ascii)}\n${locus(file.text, line, col, length)}`, ok: false };
    }
    throw e;
  }
  let text = '';
  let fn: string | undefined;
  let promoted = false;
  let errors = false;
  // Errors the parser went on after belong to the function they are in, before what it checks.
  const inFunction = (line: number): string | undefined => unit.functions.find((f) => f.at.line <= line && f.end.line >= line)?.name;
  const diagnostics: Array<Diagnostic & { rendered?: string }> = [];
  const checked = check(unit);
  // -Wformat (format-check.ts): only where the recording shows gcc's include chain, <linux/module.h> first
  const firstInclude = file.text.split('\n').findIndex((l) => /^\s*#\s*include\b/.test(l));
  const moduleFirst = firstInclude >= 0 && /^\s*#\s*include\s*<linux\/module\.h>/.test(file.text.split('\n')[firstInclude] ?? '');
  const formats = moduleFirst ? formatWarnings(unit, file.text, file.path) : [];
  let chained = false;
  for (const f of unit.functions) {
    for (const r of unit.recovered) if (inFunction(r.at.line) === f.name) diagnostics.push({ kind: 'error', at: r.at, length: r.at.text.length, message: quoted(r.message, false), function: f.name });
    const own = checked.filter((d) => d.function === f.name);
    // gcc warns of a format as it parses the call; unused variables come when the function ends
    diagnostics.push(...own.filter((d) => !d.message.includes('[-Wunused-variable]')));
    for (const w of formats.filter((x) => x.function === f.name)) {
      diagnostics.push({ kind: 'warning', at: f.at, length: 0, message: '', function: f.name, rendered: w.text((t, l, c, n) => locus(t, l, c, n), (l, c) => displayColumn(file.text, l, c)) });
    }
    diagnostics.push(...own.filter((d) => d.message.includes('[-Wunused-variable]')));
  }
  for (const d of diagnostics) {
    if (d.rendered !== undefined && !chained) {
      chained = true;
      text += includeChain(file.path, firstInclude + 1);
    }
    if (d.function !== fn) {
      fn = d.function;
      if (fn !== undefined) text += `${file.path}: In function ${quoted(`‘${fn}’`, ascii)}:\n`;
    }
    if (d.rendered !== undefined) {
      // its source lines are shown as written: only the message's own quotes follow LANG
      text += ascii ? d.rendered.replace(/[‘’]/g, "'") : d.rendered;
      continue;
    }
    const col = displayColumn(file.text, d.at.line, d.at.col);
    text += `${file.path}:${d.at.line}:${col}: ${d.kind}: ${quoted(d.message, ascii)}\n`;
    if (d.kind !== 'note') text += locus(file.text, d.at.line, col, d.length);
    if (d.promoted) promoted = true;
    if (d.kind === 'error') errors = true;
  }
  if (promoted) text += 'cc1: some warnings being treated as errors\n';
  return { diagnostics: text, ok: !errors, unit };
}

const PARAM_TYPES = new Set<ParamType>(['byte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong', 'ullong', 'hexint', 'charp', 'bool', 'invbool', 'string']);

function stringArg(e: Expr | undefined): string | undefined {
  return e?.kind === 'str' ? e.value : undefined;
}

function identArg(e: Expr | undefined): string | undefined {
  if (e?.kind === 'ident') return e.name;
  if (e?.kind === 'unary' && e.op === '&' && e.arg.kind === 'ident') return e.arg.name;
  return undefined;
}

/** sysfs's text of a parameter's value (param_get_*): bools as N/Y, arrays comma separated. */
function sysfsValue(type: ParamType, v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => sysfsValue(type, x)).join(',');
  if (type === 'bool') return v ? 'Y' : 'N';
  if (type === 'invbool') return v ? 'N' : 'Y';
  if (type === 'charp' || type === 'string') return typeof v === 'string' ? v : '(null)';
  return String(typeof v === 'number' ? v : 0);
}

/**
 * Every symbol the units use and do not define — functions called, extern variables read —
 * in the order of first use (the order load_module resolves them: 11i's exp_user).
 */
function calledFunctions(units: TranslationUnit[]): string[] {
  const out: string[] = [];
  const externs = new Set(units.flatMap((u) => u.globals.filter((g) => g.isExtern).map((g) => g.decl.name)));
  for (const u of units) for (const g of u.globals) if (!g.isExtern) externs.delete(g.decl.name);
  const expr = (root: Expr): void =>
    walkExpr(root, (e) => {
      if (e.kind === 'call' && !out.includes(e.callee)) out.push(e.callee);
      if (e.kind === 'ident' && externs.has(e.name) && !out.includes(e.name)) out.push(e.name);
    });
  const stmt = (s: Stmt): void => {
    switch (s.kind) {
      case 'block':
        return s.body.forEach(stmt);
      case 'expr':
        return expr(s.expr);
      case 'decl':
        return s.decls.forEach((d) => d.init && expr(d.init));
      case 'if':
        expr(s.test);
        stmt(s.then);
        return s.else && stmt(s.else);
      case 'while':
      case 'do':
        expr(s.test);
        return stmt(s.body);
      case 'for':
        if (s.init) stmt(s.init);
        if (s.test) expr(s.test);
        if (s.step) expr(s.step);
        return stmt(s.body);
      case 'return':
        return s.value && expr(s.value);
      case 'switch':
        expr(s.test);
        return stmt(s.body);
      default:
        return;
    }
  };
  for (const u of units) for (const f of u.functions) f.body.forEach(stmt);
  const defined = new Set(units.flatMap((u) => u.functions.map((f) => f.name)));
  return out.filter((name) => !defined.has(name) && !KERNEL_FUNCTIONS.has(name));
}

export interface LinkOptions {
  vermagic: string;
  /** The module's objects' sources (their paths: what BUG() and WARN() print), as units. */
  sources: SourceFile[];
}

/** The units of one module (its objects) linked into the image LD [M] writes. */
export function linkModule(name: string, units: TranslationUnit[], sourceText: string, options: LinkOptions): ModuleImage {
  const merged: TranslationUnit = {
    includes: units.flatMap((u) => u.includes),
    structs: Object.assign({}, ...units.map((u) => u.structs)) as TranslationUnit['structs'],
    globals: units.flatMap((u) => u.globals),
    functions: units.flatMap((u) => u.functions),
    prototypes: units.flatMap((u) => u.prototypes),
    recovered: units.flatMap((u) => u.recovered),
    macros: units.flatMap((u) => u.macros),
  };
  const tags: Array<[string, string]> = [];
  const params: ParamDef[] = [];
  const descriptions = new Map<string, string>();
  const exports: ExportedSymbol[] = [];
  const untyped = new Set<string>();
  const counters = new Map<string, string>();
  let initFn = merged.functions.some((f) => f.name === 'init_module') ? 'init_module' : undefined;
  let exitFn = merged.functions.some((f) => f.name === 'cleanup_module') ? 'cleanup_module' : undefined;
  const globalValue = (n: string): unknown => {
    const g = merged.globals.find((x) => x.decl.name === n);
    if (!g?.decl.init) return g?.decl.length !== undefined ? new Array(Math.max(g.decl.length, 0)).fill(0) : g?.type === 'char' && g.decl.pointer ? null : 0;
    const init = g.decl.init;
    if (init.kind === 'init') {
      const items = init.items.map((x) => (x.kind === 'num' ? x.value : x.kind === 'str' ? x.value : x.kind === 'unary' && x.op === '-' && x.arg.kind === 'num' ? -x.arg.value : 0));
      return g.decl.length !== undefined && g.decl.length > items.length ? [...items, ...new Array(g.decl.length - items.length).fill(0)] : items;
    }
    if (init.kind === 'num') return init.value;
    if (init.kind === 'str') return init.value;
    if (init.kind === 'ident') return init.name === 'true' ? 1 : 0;
    if (init.kind === 'unary' && init.op === '-' && init.arg.kind === 'num') return -init.arg.value;
    return 0;
  };
  for (const m of merged.macros) {
    const [a0, a1, a2, a3] = m.args;
    switch (m.name) {
      case 'MODULE_LICENSE':
      case 'MODULE_AUTHOR':
      case 'MODULE_DESCRIPTION':
      case 'MODULE_VERSION':
      case 'MODULE_ALIAS': {
        const value = stringArg(a0);
        if (value !== undefined) tags.push([m.name.slice('MODULE_'.length).toLowerCase(), value]);
        break;
      }
      case 'MODULE_INFO': {
        const value = stringArg(a1);
        const tag = identArg(a0);
        if (tag && value !== undefined) tags.push([tag, value]);
        break;
      }
      case 'MODULE_PARM_DESC': {
        const p = identArg(a0);
        const value = stringArg(a1);
        if (p && value !== undefined) descriptions.set(p, value);
        break;
      }
      case 'module_param':
      case 'module_param_array': {
        const p = identArg(a0);
        const type = (m.words[1] ?? '').trim() as ParamType;
        if (!p || !PARAM_TYPES.has(type)) break;
        const array = m.name === 'module_param_array';
        const permExpr = array ? a3 : a2;
        const perm = permExpr?.kind === 'num' ? permExpr.value : 0;
        const value = globalValue(p);
        const def: ParamDef = { name: p, type, perm, default: sysfsValue(type, value) };
        if (array) {
          def.arrayMax = Array.isArray(value) ? value.length : 0;
          const counter = identArg(a2);
          if (counter) counters.set(counter, p);
        }
        if (array) def.counted = identArg(a2) !== undefined;
        params.push(def);
        break;
      }
      case 'module_param_cb': {
        // Its type is its ops' business: modinfo shows no "(type)" (11h-params-cb).
        const p = identArg(a0);
        if (!p) break;
        const perm = a3?.kind === 'num' ? a3.value : 0;
        const def: ParamDef = { name: p, type: 'int', perm, default: sysfsValue('int', globalValue(p)) };
        const setter = opsMember(merged, identArg(a1), 'set');
        if (setter !== undefined && setter !== 'param_set_int') def.setter = setter;
        params.push(def);
        untyped.add(p);
        break;
      }
      case 'EXPORT_SYMBOL':
      case 'EXPORT_SYMBOL_GPL': {
        const symbol = identArg(a0);
        if (symbol) exports.push({ symbol, gpl: m.name === 'EXPORT_SYMBOL_GPL' });
        break;
      }
      case 'module_init':
        initFn = identArg(a0) ?? initFn;
        break;
      case 'module_exit':
        exitFn = identArg(a0) ?? exitFn;
        break;
    }
  }
  for (const p of params) {
    const d = descriptions.get(p.name);
    if (d !== undefined) p.description = d;
  }
  // init and exit run when the kernel calls them (src/cc/runner.ts), not now.
  const init = initFn ? { printk: [], returns: 0 } : null;
  const exit = exitFn ? { printk: [] } : null;
  const license = tags.find(([t]) => t === 'license')?.[1];
  const version = tags.find(([t]) => t === 'version')?.[1];
  const modinfo: Array<[string, string]> = [...tags].reverse();
  // srcversion: modpost's MD4 over the sources; ours is a stand-in of the same shape.
  const srcversion = version !== undefined ? srcversionOf(sourceText) : undefined;
  if (srcversion) modinfo.push(['srcversion', srcversion]);
  modinfo.push(['depends', ''], ['retpoline', 'Y'], ['name', name], ['vermagic', options.vermagic]);
  for (const p of params) {
    const type = p.arrayMax !== undefined ? `array of ${p.type}` : p.type;
    const typed = untyped.has(p.name) ? '' : ` (${type})`;
    modinfo.push(['parm', p.description !== undefined ? `${p.name}:${p.description}${typed}` : `${p.name}${typed}`]);
  }
  const image: ModuleImage = {
    id: `built:${name}:${srcversionOf(sourceText + options.vermagic)}`,
    name,
    modinfo,
    vermagic: options.vermagic,
    intree: false,
    signed: false,
    coresize: exit ? 16384 : 12288,
    // the .init.text page(s): /proc/modules counts them while init runs (11a: 28672 Loading)
    initsize: init ? 12288 : 0,
    // An unsigned module built with Debian's headers (BTF, debug info): about this size (ls -l only).
    fileSize: 105000 + Math.min(sourceText.length * 4, 400000),
    exports,
    imports: calledFunctions(units),
    params,
    init,
    exit,
    code: { units: options.sources.map((f) => ({ path: f.path, text: f.text })), init: initFn ?? null, exit: exitFn ?? null },
  };
  if (license !== undefined) image.license = license;
  if (version !== undefined) image.version = version;
  if (srcversion !== undefined) image.srcversion = srcversion;
  return image;
}

/** The function a const ops struct names for MEMBER (module_param_cb's `.set = level_set`). */
function opsMember(unit: TranslationUnit, ops: string | undefined, member: string): string | undefined {
  const init = unit.globals.find((g) => g.decl.name === ops)?.decl.init;
  if (init?.kind !== 'init') return undefined;
  const k = init.fields?.indexOf(member) ?? -1;
  const v = k >= 0 ? init.items[k] : undefined;
  return identArg(v);
}

/** 23 upper-case hex digits, as modpost's srcversion looks (a stand-in for its MD4). */
export function srcversionOf(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let h3 = 0x12345678;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 + c, 2246822519) >>> 0;
    h3 = Math.imul(h3 ^ (c << 3), 3266489917) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0') + h3.toString(16).padStart(8, '0')).toUpperCase().slice(0, 23);
}
