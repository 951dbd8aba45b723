/**
 * module_init(fn) / module_exit(fn) naming nothing declared above them, as gcc 12 reports it
 * through 6.1's <linux/module.h> (00b's err_init_nosuchfn): the macro expands to
 *   static inline initcall_t __maybe_unused __inittest(void) { return initfn; }   (line 131)
 *   int init_module(void) __copy(initfn) __attribute__((alias(#initfn)));          (line 132)
 * so the name is undeclared once in the function __inittest (with the macro's definition
 * note), once "here (not in a function)" in __copy's attribute (compiler_attributes.h:105,
 * which kbuild's -include of compiler_types.h brought in from <command-line>), and, when the
 * unit never defines it, init_module is "aliased to undefined symbol" as the unit ends.
 * gcc's spelling suggestions ("did you mean ‘kset_init’?") are looked up among every name the
 * kernel headers declare; Modlab does not hold that list, so it gives none.
 */
import type { Token } from './lex';
import type { TranslationUnit } from './parse';
import { HEADERS } from './format-check';

type Locus = (text: string, line: number, col: number, length: number) => string;

export interface InitMessage {
  /** The student's line it is placed by; undefined for what comes when the unit ends. */
  line?: number;
  function?: string;
  before?: string;
  kind: 'error' | 'note';
  text: string;
}

const MODULE_H: Record<string, { test: string; testLine: number; body: string; aliasLine: number; alias: string; aliasCol: number; symbol: string }> = {
  module_init: { test: '__inittest', testLine: 131, body: '\t{ return initfn; }\t\t\t\t\t\\', aliasLine: 132, alias: '\tint init_module(void) __copy(initfn)\t\t\t\\', aliasCol: 13, symbol: 'init_module' },
  module_exit: { test: '__exittest', testLine: 139, body: '\t{ return exitfn; }\t\t\t\t\t\\', aliasLine: 140, alias: '\tvoid cleanup_module(void) __copy(exitfn)\t\t\\', aliasCol: 14, symbol: 'cleanup_module' },
};
const COPY_LINE = '# define __copy(symbol)                 __attribute__((__copy__(symbol)))';

const place = (t: Token): number => t.order ?? t.line;

export function moduleInitChecks(
  unit: TranslationUnit,
  path: string,
  source: string,
  locus: Locus,
  display: (line: number, byteCol: number) => number,
  undeclaredNoted: (line: number) => boolean,
): { messages: InitMessage[]; atEnd: InitMessage[] } {
  const messages: InitMessage[] = [];
  const atEnd: InitMessage[] = [];
  const moduleLine = source.split('\n').findIndex((l) => /^\s*#\s*include\s*<linux\/module\.h>/.test(l)) + 1;
  let chained = false;
  let copyChained = false;
  let noted = false;
  const sparse = (line: number, text: string): string => '\n'.repeat(line - 1) + text;
  for (const m of unit.macros) {
    const shape = MODULE_H[m.name];
    const arg = m.args[0];
    if (!shape || m.args.length !== 1 || arg?.kind !== 'ident' || (m.at.file !== undefined && m.at.file !== path)) continue;
    const name = arg.name;
    const at = arg.at;
    const declared = [...unit.functions.map((f) => f.at), ...unit.prototypes.map((p) => p.at), ...unit.globals.map((g) => g.decl.at)].some((t) => t.text === name && place(t) < place(m.at));
    if (declared) continue;
    const col = display(at.line, at.col);
    const macroCol = display(m.at.line, m.at.col);
    const here = locus(source, at.line, col, name.length);
    const definition = `${HEADERS}/include/linux/module.h:${shape.testLine}:18: note: in definition of macro ‘${m.name}’\n` + locus(sparse(shape.testLine, shape.body), shape.testLine, 18, 6);
    const expansion = `${path}:${m.at.line}:${macroCol}: note: in expansion of macro ‘${m.name}’\n` + locus(source, m.at.line, macroCol, m.name.length);
    let text = `${path}:${at.line}:${col}: error: ‘${name}’ undeclared (first use in this function)\n` + here + definition;
    if (!noted && !undeclaredNoted(m.at.line)) {
      noted = true;
      text += `${path}:${at.line}:${col}: note: each undeclared identifier is reported only once for each function it appears in\n` + here + definition;
    }
    const inTest: InitMessage = { line: m.at.line, function: shape.test, kind: 'error', text };
    if (!chained && moduleLine > 0) {
      chained = true;
      inTest.before = `In file included from ${path}:${moduleLine}:\n`;
    }
    messages.push(inTest);
    const atTop: InitMessage = {
      line: m.at.line,
      kind: 'error',
      text:
        `${path}:${at.line}:${col}: error: ‘${name}’ undeclared here (not in a function)\n` +
        here +
        `${HEADERS}/include/linux/compiler_attributes.h:105:65: note: in definition of macro ‘__copy’\n` +
        locus(sparse(105, COPY_LINE), 105, 65, 6) +
        expansion,
    };
    if (!copyChained) {
      copyChained = true;
      atTop.before = `In file included from ${HEADERS}/include/linux/compiler_types.h:92,\n                 from <command-line>:\n`;
    }
    messages.push(atTop);
    if (!unit.functions.some((f) => f.name === name) && !unit.globals.some((g) => g.decl.name === name && !g.isExtern)) {
      atEnd.push({
        kind: 'error',
        text: `${HEADERS}/include/linux/module.h:${shape.aliasLine}:${shape.aliasCol}: error: ‘${shape.symbol}’ aliased to undefined symbol ‘${name}’\n` + locus(sparse(shape.aliasLine, shape.alias), shape.aliasLine, shape.aliasCol, shape.symbol.length) + expansion,
      });
    }
  }
  return { messages, atEnd };
}
