/**
 * gcc 12's -Wformat for printk(KERN_<LEVEL> "format", args…), worded and placed as
 * 00b-kbuild-errors.txt (warn_format) shows it: the warning points into kern_levels.h at
 * KERN_SOH (where the format string begins), then the notes walk the macro expansion back
 * to the student's line. Only this shape is produced — and only when <linux/module.h> is the
 * file's first include, the include chain the recording shows; other shapes (pr_info, no
 * KERN_ level) have other notes nobody has recorded yet, so they stay silent.
 */
import type { Expr, FunctionDef, Stmt, TranslationUnit } from './parse';
import { walkExpr, walkStatements, type StmtWork } from './walk';

export const HEADERS = '/usr/src/linux-headers-6.1.0-56-common';

/** include/linux/kern_levels.h of 6.1, lines 1-15 (tabs as in the file). */
const KERN_LEVELS_H = [
  '/* SPDX-License-Identifier: GPL-2.0 */',
  '#ifndef __KERN_LEVELS_H__',
  '#define __KERN_LEVELS_H__',
  '',
  '#define KERN_SOH\t"\\001"\t\t/* ASCII Start Of Header */',
  "#define KERN_SOH_ASCII\t'\\001'",
  '',
  '#define KERN_EMERG\tKERN_SOH "0"\t/* system is unusable */',
  '#define KERN_ALERT\tKERN_SOH "1"\t/* action must be taken immediately */',
  '#define KERN_CRIT\tKERN_SOH "2"\t/* critical conditions */',
  '#define KERN_ERR\tKERN_SOH "3"\t/* error conditions */',
  '#define KERN_WARNING\tKERN_SOH "4"\t/* warning conditions */',
  '#define KERN_NOTICE\tKERN_SOH "5"\t/* normal but significant condition */',
  '#define KERN_INFO\tKERN_SOH "6"\t/* informational */',
  '#define KERN_DEBUG\tKERN_SOH "7"\t/* debug-level messages */',
].join('\n');

/** include/linux/printk.h line 429 (in printk_index_wrap), as gcc shows it. */
const PRINTK_H_429 = '\t\t_p_func(_fmt, ##__VA_ARGS__);\t\t\t\t\\';

/** How <linux/module.h> first brings in kern_levels.h (the recording's chain). */
const MODULE_H_CHAIN = [
  'asm-generic/bug.h:22', 'arch/x86/include/asm/bug.h:87', 'arch/x86/include/asm/alternative.h:8', 'arch/x86/include/asm/barrier.h:5', 'include/linux/list.h:11', 'include/linux/module.h:12',
];

export interface FormatWarning {
  function: string;
  /** The student's line of the printk call (for ordering). */
  line: number;
  /** The whole of what gcc prints for it, the include chain apart. */
  text: (locus: (text: string, line: number, col: number, length: number) => string, display: (line: number, byteCol: number) => number) => string;
}

/** The "In file included from" lines, given the student file and the line of its #include <linux/module.h>. */
export function includeChain(path: string, includeLine: number): string {
  const froms = MODULE_H_CHAIN.map((f) => `${HEADERS}/${f.startsWith('arch') || f.startsWith('include') ? f : `include/${f}`}`);
  const lines = [`In file included from ${froms[0]},`, ...froms.slice(1).map((f) => `                 from ${f},`), `                 from ${path}:${includeLine}:`];
  return lines.join('\n') + '\n';
}

/** gcc's name of a declared type after the default argument promotions; undefined when we cannot say. */
function promotedType(type: string, pointer: boolean): string | undefined {
  const t = type.replace(/\b(static|volatile|register)\b/g, '').trim().replace(/\s+/g, ' ');
  if (pointer) return t === '' ? undefined : `${t} *`;
  const unsigned = /\bunsigned\b/.test(t);
  const words = t.replace(/\b(const|signed|unsigned)\b/g, '').trim();
  switch (words) {
    case 'char':
    case 'short':
    case 'short int':
    case 'bool':
    case '_Bool':
      return 'int';
    case '':
    case 'int':
      return unsigned ? 'unsigned int' : 'int';
    case 'long':
    case 'long int':
      return unsigned ? 'long unsigned int' : 'long int';
    case 'long long':
    case 'long long int':
      return unsigned ? 'long long unsigned int' : 'long long int';
    default:
      return undefined;
  }
}

/** What a conversion expects (gcc's wording), by its length modifier and letter. */
function expected(mod: string, conv: string): string | undefined {
  if (conv === 's') return 'char *';
  if (conv === 'p') return 'void *';
  const unsigned = 'uxXo'.includes(conv);
  if (conv === 'c') return 'int';
  switch (mod) {
    case '':
    case 'h':
    case 'hh':
      return unsigned ? 'unsigned int' : 'int';
    case 'l':
      return unsigned ? 'long unsigned int' : 'long int';
    case 'll':
      return unsigned ? 'long long unsigned int' : 'long long int';
    default:
      return undefined;
  }
}

/** Whether an argument of type GOT is fine for a conversion expecting WANT (signedness is not -Wformat's business). */
function compatible(want: string, got: string): boolean {
  if (want === 'char *') return /^(const )?char \*$/.test(got);
  if (want === 'void *') return got.endsWith('*');
  if (got.endsWith('*')) return false;
  return want.replace(/unsigned /, '') === got.replace(/unsigned /, '');
}

/** Check every printk(KERN_x "…", …) of UNIT against its arguments' declared types. */
export function formatWarnings(unit: TranslationUnit, source: string, path: string): FormatWarning[] {
  const out: FormatWarning[] = [];
  const globals = new Map(unit.globals.map((g) => [g.decl.name, { type: g.type, pointer: g.decl.pointer, array: g.decl.length !== undefined }]));
  const srcLines = source.split('\n');
  for (const f of unit.functions) {
    const locals = new Map<string, { type: string; pointer: boolean; array: boolean }>();
    f.params.forEach((p, i) => {
      const t = f.paramTypes[i] ?? '';
      locals.set(p, { type: t.replace(/\*/g, '').trim(), pointer: t.includes('*'), array: false });
    });
    const typeOf = (e: Expr): string | undefined => {
      if (e.kind === 'num') return /[lL]$/.test(e.at.text) ? (/[uU]/.test(e.at.text) ? 'long unsigned int' : 'long int') : e.value > 2147483647 || e.big !== undefined ? 'long int' : 'int';
      if (e.kind === 'str') return 'char *';
      if (e.kind === 'ident') {
        const d = locals.get(e.name) ?? globals.get(e.name);
        if (!d) return undefined;
        return promotedType(d.type, d.pointer || d.array);
      }
      return undefined;
    };
    const visit = (root: Expr): void =>
      walkExpr(root, (e) => {
        if (e.kind === 'call' && e.callee === 'printk') check(f, e.args, e.at);
      });
    const check = (fn: FunctionDef, args: Expr[], callAt: Expr['at']): void => {
      const fmt = args[0];
      if (fmt?.kind !== 'str' || fmt.value.charCodeAt(0) !== 1) return;
      const macro = /^KERN_[A-Z]+/.exec((srcLines[fmt.at.line - 1] ?? '').slice(fmt.at.col - 1))?.[0];
      const levelLine = macro ? KERN_LEVELS_H.split('\n').findIndex((l) => l.startsWith(`#define ${macro}\t`)) + 1 : 0;
      if (!macro || levelLine <= 0) return;
      const re = /%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?(hh|h|ll|l|z|t)?([diuxXocsp%])/g;
      let n = 1;
      for (let m = re.exec(fmt.value); m; m = re.exec(fmt.value)) {
        if (m[5] === '%') continue;
        if (m[2] === '*') n++;
        n++;
        const want = expected(m[4] ?? '', m[5]);
        const arg = args[n - 1];
        const got = arg ? typeOf(arg) : undefined;
        if (!want || !got || compatible(want, got)) continue;
        const directive = m[0];
        const argNo = n;
        out.push({
          function: fn.name,
          line: callAt.line,
          text: (locus, display) => {
            const callCol = display(callAt.line, callAt.col);
            const macroCol = display(fmt.at.line, fmt.at.col);
            return (
              `${HEADERS}/include/linux/kern_levels.h:5:25: warning: format ‘${directive}’ expects argument of type ‘${want}’, but argument ${argNo} has type ‘${got}’ [-Wformat=]\n` +
              locus(KERN_LEVELS_H, 5, 25, 6) +
              `${HEADERS}/include/linux/printk.h:429:25: note: in definition of macro ‘printk_index_wrap’\n` +
              locus('\n'.repeat(428) + PRINTK_H_429, 429, 25, 4) +
              `${path}:${callAt.line}:${callCol}: note: in expansion of macro ‘printk’\n` +
              locus(source, callAt.line, callCol, 6) +
              `${HEADERS}/include/linux/kern_levels.h:${levelLine}:25: note: in expansion of macro ‘KERN_SOH’\n` +
              locus(KERN_LEVELS_H, levelLine, 25, 8) +
              `${path}:${fmt.at.line}:${macroCol}: note: in expansion of macro ‘${macro}’\n` +
              locus(source, fmt.at.line, macroCol, macro.length)
            );
          },
        });
      }
    };
    // statements on walkStatements' stack: 10,000 nested blocks or ifs are fine
    const stmt = (s: Stmt): readonly StmtWork[] | void => {
      switch (s.kind) {
        case 'block':
          return s.body;
        case 'expr':
          return visit(s.expr);
        case 'decl':
          for (const d of s.decls) {
            if (d.init) visit(d.init);
            locals.set(d.name, { type: s.type, pointer: d.pointer, array: d.length !== undefined });
          }
          return;
        case 'if':
          visit(s.test);
          return s.else ? [s.then, s.else] : [s.then];
        case 'while':
        case 'do':
        case 'switch':
          visit(s.test);
          return [s.body];
        case 'label':
          return [s.body];
        case 'for':
          return [
            ...(s.init ? [s.init] : []),
            () => {
              if (s.test) visit(s.test);
              if (s.step) visit(s.step);
            },
            s.body,
          ];
        case 'return':
          return s.value && visit(s.value);
        default:
          return;
      }
    };
    walkStatements(f.body, stmt);
  }
  return out;
}

/** How <linux/kernel.h> first brings in printk.h (gcc 12.2 on linux-headers-6.1.0-56, kbuild's flags). */
const KERNEL_H_CHAIN = [
  'asm-generic/bug.h:22', 'arch/x86/include/asm/bug.h:87', 'arch/x86/include/asm/alternative.h:8', 'arch/x86/include/asm/barrier.h:5',
  'include/asm-generic/bitops/generic-non-atomic.h:7', 'include/linux/bitops.h:36', 'include/linux/kernel.h:23',
];

/**
 * The "In file included from" lines gcc gives before its first message from inside printk.h's
 * macros: the way the student's first kernel header brought printk.h in. Known for
 * <linux/module.h> and <linux/kernel.h> first (headers that bring no printk.h, such as
 * <linux/init.h>, are passed over); undefined otherwise.
 */
export function printkChain(path: string, source: string): string | undefined {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*#\s*include\s*<([^>]+)>/.exec(lines[i]);
    if (!m) continue;
    if (m[1] === 'linux/module.h') return includeChain(path, i + 1);
    if (m[1] === 'linux/kernel.h') {
      const froms = KERNEL_H_CHAIN.map((f) => `${HEADERS}/${f.startsWith('arch') || f.startsWith('include') ? f : `include/${f}`}`);
      return [`In file included from ${froms[0]},`, ...froms.slice(1).map((f) => `                 from ${f},`), `                 from ${path}:${i + 1}:`].join('\n') + '\n';
    }
    if (!['linux/init.h', 'linux/types.h', 'linux/kern_levels.h', 'linux/errno.h', 'linux/version.h'].includes(m[1])) return undefined;
  }
  return undefined;
}

/** printk.h of 6.1: the line of each pr_<level>'s body, and that body as written. */
const PR_MACROS: Record<string, [number, string]> = {
  pr_emerg: [470, '\tprintk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)'],
  pr_alert: [480, '\tprintk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)'],
  pr_crit: [490, '\tprintk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)'],
  pr_err: [500, '\tprintk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)'],
  pr_warn: [510, '\tprintk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)'],
  pr_notice: [520, '\tprintk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)'],
  pr_info: [530, '\tprintk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)'],
  pr_cont: [542, '\tprintk(KERN_CONT fmt, ##__VA_ARGS__)'],
};

/** The printk or pr_<level> call in a source line's TEXT whose variable arguments hold byte column COL: its name and column. */
export function printkCallAround(text: string, col: number): { name: string; col: number } | undefined {
  if (!text.includes('pr')) return undefined;
  let found: { name: string; col: number } | undefined;
  const re = /\b(printk|pr_(?:emerg|alert|crit|err|warn|notice|info|cont))\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let level = 0;
    let comma = -1;
    let end = -1;
    let quote = '';
    for (let i = m.index + m[0].length - 1; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '(') level++;
      else if (c === ')' && --level === 0) {
        end = i;
        break;
      } else if (c === ',' && level === 1 && comma < 0) comma = i;
    }
    if (comma >= 0 && end >= 0 && col - 1 > comma && col - 1 < end) found = { name: m[1], col: m.index + 1 };
  }
  return found;
}

/**
 * gcc's notes after a message about a token in a printk/pr_<level> call's arguments: where
 * __VA_ARGS__ stands in printk_index_wrap, then each macro expanded on the way back to the
 * student's line (00b's err_order_call).
 */
export function printkMacroNotes(
  call: { name: string; col: number },
  path: string,
  source: string,
  line: number,
  locus: (text: string, line: number, col: number, length: number) => string,
  display: (line: number, byteCol: number) => number,
): string {
  let out = `${HEADERS}/include/linux/printk.h:429:33: note: in definition of macro ‘printk_index_wrap’\n` + locus('\n'.repeat(428) + PRINTK_H_429, 429, 33, 11);
  const pr = PR_MACROS[call.name];
  if (pr) out += `${HEADERS}/include/linux/printk.h:${pr[0]}:9: note: in expansion of macro ‘printk’\n` + locus('\n'.repeat(pr[0] - 1) + pr[1], pr[0], 9, 6);
  const col = display(line, call.col);
  return out + `${path}:${line}:${col}: note: in expansion of macro ‘${call.name}’\n` + locus(source, line, col, call.name.length);
}
