/**
 * From a module's C files to what kbuild produces: gcc's diagnostics for each file (cc1's
 * output, as 00b-kbuild-errors.txt shows it) and, when they compile, the module image the
 * kernel loads — modinfo tags in .modinfo order (MODULE_* last-first, as 02-modinfo shows),
 * parameters, exports, the symbols left undefined for modpost, and what init and exit print
 * and return (interp.ts).
 */
import { sumversionText } from './sumversion';
import type { ExportedSymbol, ModuleImage, ParamDef, ParamType } from '../kernel/image';
import { CSyntaxError, parseTokens, parseUnit, type Expr, type Stmt, type TranslationUnit } from './parse';
import { subStatements, walkExpr, walkStatements, type StmtWork } from './walk';
import { LexError } from './lex';
import { BUILT_IN, preprocess, type PpDiagnostic, type PpOptions } from './preprocess';
import { KERNEL_FUNCTIONS } from './kernel-api';
import { check, staticAfterImplicit, unusedFunctions, type Diagnostic } from './check';
import { moduleInitChecks } from './module-init-check';
import { formatWarnings, includeChain, printkCallAround, printkChain, printkMacroNotes } from './format-check';

export interface SourceFile {
  /** Absolute path, as gcc names the file in its messages. */
  path: string;
  text: string;
  /** The local headers it #included ("x.h"), as they were when it was compiled. */
  headers?: Array<{ path: string; text: string }>;
  /** The -D/-U options it was compiled with (ccflags-y), so that it reads the same again. */
  commandLine?: Array<[string, string?]>;
}

/** A source that compiled once, parsed again (modpost, the kernel's runner): its headers and -D options as then. */
export function parseSource(file: SourceFile, modname: string): TranslationUnit {
  const headers = new Map((file.headers ?? []).map((h) => [h.path, h.text]));
  return parseUnit(file.text, modname, { path: file.path, readFile: (p) => headers.get(p), commandLine: file.commandLine });
}

export interface CompileResult {
  /** What cc1 printed for this file ('' when silent). */
  diagnostics: string;
  ok: boolean;
  unit?: TranslationUnit;
  /** The local headers the file read (for the object, and for make to see them change). */
  headers: Array<{ path: string; text: string }>;
  /** gcc's exit status when it failed: 1, or 4 for an internal compiler error. */
  status: number;
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

/** The source line alone, for a message gcc gives without a column (`file:line: warning:`). */
function lineLocus(text: string, line: number): string {
  return `${String(line).padStart(5)} | ${expandTabs(text.split('\n')[line - 1] ?? '')}\n${' '.repeat(5)} | \n`;
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
  /** A file of the machine's disk (#include "x.h"), undefined when there is none. */
  readFile?: (path: string) => string | undefined;
  /** -D/-U options kbuild passes (ccflags-y). */
  commandLine?: PpOptions['commandLine'];
}

/** One message of cc1, placed for ordering: its line in the student's file, its function. */
interface Placed {
  key: number;
  function?: string;
  /** The file it is in and the #include lines that led there (preprocessor messages). */
  file?: string;
  includedFrom?: PpDiagnostic['includedFrom'];
  text: string;
  kind: 'error' | 'warning' | 'note' | 'fatal error';
  promoted?: boolean;
  /** Printed before the function's line (the -Wformat include chain comes first). */
  before?: string;
}

export function compile(file: SourceFile, modname: string, options: CompileOptions = {}): CompileResult {
  const ascii = options.ascii === true;
  const texts = new Map<string, string>([[file.path, file.text]]);
  const textOf = (path: string | undefined): string => texts.get(path ?? file.path) ?? '';
  const failed = (diagnostics: string, status = 1, headers: CompileResult['headers'] = []): CompileResult => ({ diagnostics, ok: false, headers, status });
  let pp;
  try {
    pp = preprocess(file.text, { path: file.path, modname, readFile: options.readFile, commandLine: options.commandLine });
  } catch (e) {
    if (e instanceof LexError) {
      const path = e.file ?? file.path;
      const col = displayColumn(textOf(path), e.line, e.col);
      return failed(`${path}:${e.line}:${col}: error: ${quoted(e.message, ascii)}\n${locus(textOf(path), e.line, col, 1)}`);
    }
    throw e;
  }
  for (const [path, text] of pp.headers) texts.set(path, text);
  const headers = [...pp.headers].map(([path, text]) => ({ path, text }));
  /** A message's line in the student's file: its own, or that of the #include it came through. */
  const mainLine = (d: PpDiagnostic): number => (d.includedFrom.length > 0 ? d.includedFrom[d.includedFrom.length - 1].line : d.at.line);
  const renderPp = (d: PpDiagnostic): string => {
    const path = d.at.file ?? file.path;
    if (path === BUILT_IN) return `${BUILT_IN}: ${d.kind}: ${d.message}\n`;
    const text = textOf(path);
    const col = displayColumn(text, d.at.line, d.at.col);
    if (d.lineOnly) return `${path}:${d.at.line}: ${d.kind}: ${d.message}\n${lineLocus(text, d.at.line)}`;
    return `${path}:${d.at.line}:${col}: ${d.kind}: ${d.message}\n${locus(text, d.at.line, col, d.length)}`;
  };
  const ppPlaced = (d: PpDiagnostic, fn?: string): Placed => {
    const p: Placed = { key: mainLine(d), text: renderPp(d), kind: d.kind, file: d.at.file ?? file.path, includedFrom: d.includedFrom };
    if (fn !== undefined) p.function = fn;
    if (d.promoted) p.promoted = true;
    return p;
  };
  const ppErrors = pp.diagnostics.some((d) => d.kind === 'error' || d.kind === 'fatal error');
  if (pp.fatal) return failed(render(pp.diagnostics.map((d) => ppPlaced(d)), file.path, ascii).text + 'compilation terminated.\n', 1, headers);
  let unit: TranslationUnit;
  try {
    unit = parseTokens(pp.tokens, pp.includes);
  } catch (e) {
    if (e instanceof CSyntaxError) {
      const path = e.at.file ?? file.path;
      const text = textOf(path);
      const line = e.at.line;
      const col = displayColumn(text, line, e.at.col);
      const length = Math.max(e.at.text.length, 1);
      // what the preprocessor said before the parser stopped, then where it stopped
      const before = pp.diagnostics.filter((d) => mainLine(d) <= line).map((d) => ppPlaced(d));
      const stop: Placed = { key: line, text: `${path}:${line}:${col}: error: ${quoted(e.message, ascii)}\n${locus(text, line, col, length)}`, kind: 'error', file: path, includedFrom: [] };
      if (e.function !== undefined) stop.function = e.function;
      return failed(render([...before, stop], file.path, ascii).text, 1, headers);
    }
    throw e;
  }
  // Errors the parser went on after belong to the function they are in, before what it checks.
  const inFunction = (line: number): string | undefined => unit.functions.find((f) => f.at.line <= line && f.end.line >= line && (f.at.file ?? file.path) === file.path)?.name;
  const placed: Placed[] = [];
  const checked = check(unit);
  // -Wformat (format-check.ts): only where the recording shows gcc's include chain, <linux/module.h> first
  const firstInclude = file.text.split('\n').findIndex((l) => /^\s*#\s*include\b/.test(l));
  const moduleFirst = firstInclude >= 0 && /^\s*#\s*include\s*<linux\/module\.h>/.test(file.text.split('\n')[firstInclude] ?? '');
  const formats = moduleFirst ? formatWarnings(unit, file.text, file.path) : [];
  const quote = (t: string): string => (ascii ? t.replace(/[‘’]/g, "'") : t);
  // gcc's include chain comes once, before its first message from inside a header's macro
  let chained = false;
  const chain = printkChain(file.path, file.text);
  const plain = (d: Diagnostic): Placed => {
    const path = d.at.file ?? file.path;
    const text = textOf(path);
    const col = displayColumn(text, d.at.line, d.at.col);
    let out = `${path}:${d.at.line}:${col}: ${d.kind}: ${quoted(d.message, ascii)}\n`;
    // a token of a printk/pr_<level> call's arguments: the macro notes follow, and a note at
    // the same place shows its line again (the last line shown was the macro's)
    const call = path === file.path && chain !== undefined ? printkCallAround(lineOf(text, d.at.line), d.at.col) : undefined;
    if (!d.noLocus || call) out += locus(text, d.at.line, col, d.length);
    let before: string | undefined;
    if (call) {
      let notes = printkMacroNotes(call, path, text, d.at.line, (t, l, c, n) => locus(t, l, c, n), (l, c) => displayColumn(text, l, c));
      if (ascii) notes = notes.replace(/[‘’]/g, "'");
      out += notes;
      if (!chained) {
        chained = true;
        before = chain;
      }
    }
    const p: Placed = { key: d.at.line, text: out, kind: d.kind, file: path, includedFrom: [] };
    if (before !== undefined) p.before = before;
    if (d.function !== undefined) p.function = d.function;
    if (d.promoted) p.promoted = true;
    return p;
  };
  for (const f of unit.functions) {
    for (const r of unit.recovered) {
      if (inFunction(r.at.line) === f.name) placed.push(plain({ kind: 'error', at: r.at, length: r.at.text.length, message: quoted(r.message, false), function: f.name }));
    }
    const own = checked.filter((d) => d.function === f.name);
    // gcc warns of a format as it parses the call; unused names come when their scope ends
    placed.push(...own.filter((d) => !d.atScopeEnd).map(plain));
    for (const w of formats.filter((x) => x.function === f.name)) {
      let text = w.text((t, l, c, n) => locus(t, l, c, n), (l, c) => displayColumn(file.text, l, c));
      // its source lines are shown as written: only the message's own quotes follow LANG
      if (ascii) text = text.replace(/[‘’]/g, "'");
      const p: Placed = { key: w.line, function: f.name, text, kind: 'warning' };
      if (!chained) {
        chained = true;
        p.before = includeChain(file.path, firstInclude + 1);
      }
      placed.push(p);
    }
    placed.push(...own.filter((d) => d.atScopeEnd).map((d) => ({ ...plain(d), key: f.end.line })));
  }
  // file-scope declarations gcc went on after, among the functions by line
  for (const d of unit.fileScope ?? []) {
    const p = plain({ ...d, message: quoted(d.message, false) });
    const k = placed.findIndex((x) => x.key > p.key);
    placed.splice(k < 0 ? placed.length : k, 0, p);
  }
  // a definition's own messages come after its line's, before the functions below it
  const redeclared = staticAfterImplicit(unit);
  for (let i = 0; i < redeclared.length; i++) {
    const d = redeclared[i];
    const group = [plain(d)];
    while (redeclared[i + 1]?.kind === 'note') group.push({ ...plain(redeclared[++i]), key: d.at.line });
    const k = placed.findIndex((x) => x.key > d.at.line);
    placed.splice(k < 0 ? placed.length : k, 0, ...group);
  }
  // module_init/module_exit naming nothing declared above them (module-init-check.ts)
  const inits = moduleInitChecks(
    unit,
    file.path,
    file.text,
    (t, l, c, n) => locus(t, l, c, n),
    (l, c) => displayColumn(file.text, l, c),
    (line) => checked.some((d) => d.message.startsWith('each undeclared identifier') && d.at.line < line),
  );
  for (const m of inits.messages) {
    const p: Placed = { key: m.line ?? Number.MAX_SAFE_INTEGER, text: quote(m.text), kind: m.kind };
    if (m.function !== undefined) p.function = m.function;
    if (m.before !== undefined) p.before = m.before;
    const k = placed.findIndex((x) => x.key > p.key);
    placed.splice(k < 0 ? placed.length : k, 0, p);
  }
  for (const m of inits.atEnd) placed.push({ key: Number.MAX_SAFE_INTEGER, text: quote(m.text), kind: m.kind });
  // what gcc says when the unit ends (after the preprocessor's end-of-file messages)
  for (const d of unusedFunctions(unit)) placed.push({ ...plain(d), key: Number.MAX_SAFE_INTEGER });
  // the preprocessor's messages where gcc gives them: in the order of the student's lines
  let previous = -1;
  for (const d of pp.diagnostics) {
    const p = ppPlaced(d, (d.at.file ?? file.path) === file.path ? inFunction(d.at.line) : undefined);
    if (d.kind === 'note' && previous >= 0) {
      // a note follows its message wherever that went
      const to = placed[previous];
      p.key = to.key;
      if (to.function !== undefined) p.function = to.function;
      else delete p.function;
      placed.splice(++previous, 0, p);
      continue;
    }
    if (d.atEnd) p.key = Infinity;
    // by the student's line among the parser's messages (cpp reads ahead of the parser: on the
    // same line, ours first), never before an earlier one of ours
    const k = placed.findIndex((x, i) => i > previous && x.key >= p.key);
    previous = k < 0 ? placed.length : k;
    placed.splice(previous, 0, p);
  }
  const { text, errors, promoted } = render(placed, file.path, ascii);
  const ok = !errors && !ppErrors;
  const result: CompileResult = { diagnostics: text + (promoted ? 'cc1: some warnings being treated as errors\n' : ''), ok, unit, headers, status: ok ? 0 : 1 };
  return result;
}

/**
 * cc1's output for PLACED messages in order: "In function" / "At top level" as the function
 * changes, "In file included from" as a header's messages begin.
 */
function render(placed: readonly Placed[], mainPath: string, ascii: boolean): { text: string; errors: boolean; promoted: boolean } {
  let text = '';
  let fn: string | undefined;
  let lastFile = mainPath;
  let errors = false;
  let promoted = false;
  for (const p of placed) {
    if (p.before !== undefined) text += p.before;
    if (p.function !== fn) {
      if (p.function !== undefined) text += `${mainPath}: In function ${quoted(`‘${p.function}’`, ascii)}:\n`;
      else if (p.kind !== 'note') text += `${mainPath}: At top level:\n`;
      fn = p.function;
    }
    const file = p.file ?? mainPath;
    if (file !== lastFile && file !== mainPath && file !== BUILT_IN && (p.includedFrom ?? []).length > 0) {
      const from = p.includedFrom ?? [];
      text += from.map((f, i) => `${i === 0 ? 'In file included from' : '                 from'} ${f.file}:${f.line}${i === from.length - 1 ? ':' : ','}\n`).join('');
    }
    if (file !== BUILT_IN) lastFile = file;
    text += p.text;
    if (p.kind === 'error' || p.kind === 'fatal error') errors = true;
    if (p.promoted) promoted = true;
  }
  return { text, errors, promoted };
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
  // a function pointer called by its variable's name is no symbol to resolve
  const variables = new Set(units.flatMap((u) => [
    ...u.globals.filter((g) => !g.isExtern).map((g) => g.decl.name),
    ...u.functions.flatMap((f) => [...f.params, ...declaredIn(f.body)]),
  ]));
  const expr = (root: Expr): void =>
    walkExpr(root, (e) => {
      if (e.kind === 'call' && e.callee !== '' && !variables.has(e.callee) && !out.includes(e.callee)) out.push(e.callee);
      if (e.kind === 'ident' && externs.has(e.name) && !out.includes(e.name)) out.push(e.name);
    });
  // statements on walkStatements' stack: 10,000 nested blocks or ifs are fine
  const stmt = (s: Stmt): readonly StmtWork[] | void => {
    switch (s.kind) {
      case 'expr':
        return expr(s.expr);
      case 'decl':
        return s.decls.forEach((d) => d.init && expr(d.init));
      case 'if':
      case 'while':
      case 'do':
      case 'switch':
        expr(s.test);
        return subStatements(s);
      case 'for':
        return [
          ...(s.init ? [s.init] : []),
          () => {
            if (s.test) expr(s.test);
            if (s.step) expr(s.step);
          },
          s.body,
        ];
      case 'return':
        return s.value && expr(s.value);
      default:
        return subStatements(s);
    }
  };
  for (const u of units) for (const f of u.functions) walkStatements(f.body, stmt);
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
  // srcversion: modpost's MD4 over the sources; ours is a stand-in of the same shape, over
  // the same characters (comments and whitespace do not count)
  const srcversion = version !== undefined ? srcversionOf(sumversionText(sourceText)) : undefined;
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
    code: { units: options.sources.map((f) => ({ path: f.path, text: f.text, ...(f.headers?.length ? { headers: f.headers } : {}), ...(f.commandLine?.length ? { commandLine: f.commandLine } : {}) })), init: initFn ?? null, exit: exitFn ?? null },
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

/** The names the statements declare, at any depth. */
function declaredIn(body: Stmt[]): string[] {
  const out: string[] = [];
  walkStatements(body, (s) => {
    if (s.kind === 'decl') out.push(...s.decls.map((d) => d.name));
    return subStatements(s);
  });
  return out;
}
