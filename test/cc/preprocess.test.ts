/**
 * The preprocessor (src/cc/preprocess.ts, pp-expr.ts): what it expands to, checked against
 * `cpp -P` of gcc 12.2 (Debian 12) on the same text, and its messages byte for byte as
 * `gcc -fsyntax-only` printed them for the same files. Hostile inputs: macros that refer to
 * themselves or double at each level, unterminated and deeply nested groups, self-including
 * headers (C nested 10,000 deep: deep-nesting.test.ts).
 */
import { strict as assert } from 'node:assert';
import { canonicalPath, preprocess, spell, type PpOptions } from '../../src/cc/preprocess';
import { compile } from '../../src/cc/module-image';
import { evaluate } from '../../src/cc/pp-expr';
import { tokenize } from '../../src/cc/lex';
import { MAX_EXPANDED_TOKENS, MAX_INCLUDE_DEPTH, MAX_MACRO_NESTING } from '../../src/cc/limits';

const run = (text: string, options: Partial<PpOptions> = {}) => preprocess(text, { path: '/m/m.c', modname: 'm', ...options });
/** The unit's tokens spelled back, one space where cpp -P would put whitespace. */
const expand = (text: string, options: Partial<PpOptions> = {}): string =>
  spell(run(text, options).tokens.filter((t) => t.kind !== 'eof').map((t) => (t.bol ? { ...t, space: true } : t))).trim();
const messages = (text: string): string[] => run(text).diagnostics.map((d) => `${d.at.line}:${d.lineOnly ? '' : d.at.col + ':'} ${d.kind}: ${d.message}`);
const gcc = (text: string, files: Record<string, string> = {}, path = '/tmp/pp/x.c') =>
  compile({ path, text }, 'x', { readFile: (p) => files[p] });

describe('cc: the preprocessor expands as cpp does', () => {
  const rows: Array<[string, string, string]> = [
    ['#define N 10\nint a[N];', 'int a[10];', 'an object-like macro'],
    ['#define SQ(x) ((x)*(x))\nSQ(a+1)', '((a+1)*(a+1))', 'a function-like macro'],
    ['#define F(x) x\nF + 1', 'F + 1', 'a function-like name without ( is an identifier'],
    ['#define F(x) [x]\nF\n(1)', '[1]', 'the ( may come on the next line'],
    ['#define foo foo + 1\nfoo', 'foo + 1', 'a self-referential macro stops after one step'],
    ['#define x (4 + y)\n#define y (2 * x)\nx y', '(4 + (2 * x)) (2 * (4 + y))', 'mutually referential macros (C99 6.10.3.4 example)'],
    ['#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)', '2*9*g', "f(2)(9): the hide set of g's call is the intersection"],
    ['#define a b\n#define b a\na b', 'a b', 'a pair that expands into each other stops'],
    ['#define str(s) # s\nstr(  a  "\\n" \'x\' )', '"a \\"\\\\n\\" \'x\'"', '# spells the argument, quotes and backslashes escaped, spaces folded'],
    ['#define str(s) # s\n#define xstr(s) str(s)\n#define INCFILE(n) vers ## n\nxstr(INCFILE(2).h)', '"vers2.h"', '# of an expanded argument'],
    ['#define hash_hash # ## #\n#define mkstr(a) # a\n#define in_between(a) mkstr(a)\n#define join(c, d) in_between(c hash_hash d)\njoin(x, y)', '"x ## y"', '## in an object-like macro (C99 6.10.3.3 example)'],
    ['#define t(x,y,z) x ## y ## z\nt(1,2,3), t(,4,5), t(6,,7), t(8,9,), t(10,,), t(,11,), t(,,12), t(,,)', '123, 45, 67, 89, 10, 11, 12,', '## with empty arguments (placemarkers)'],
    ['#define pr(fmt, ...) printk(fmt, ##__VA_ARGS__)\npr("a"); pr("b", 1, 2);', 'printk("a"); printk("b", 1, 2);', ', ##__VA_ARGS__ drops the comma before nothing'],
    ['#define V(...) f(__VA_ARGS__)\nV() V(1, (2, 3))', 'f() f(1, (2, 3))', '__VA_ARGS__ takes the commas with it'],
    ['#define E(a, b...) a b\nE(1) E(1,2,3)', '1 1 2,3', "GNU's named variadic parameter"],
    ['#define CAT(a, b) a ## b\nCAT(foo, bar) CAT(1, 0x2) CAT(-, -) CAT(<, <=) CAT(L, \'a\') CAT(1, e5)', "foobar 10x2 -- <<= L'a' 1e5", '## makes one token'],
    ['#define f(x) #x\nf(f(1))\n#define g(x) x\n#define h g(\nh 1)\n#define obj(x) [x]\n#define fn obj\nfn(3)', '"f(1)" 1 [3]', 'a call completed by what follows the expansion'],
    ['#define lparen (\n#define ff(x) x\nff lparen 1)\n#define q(x) x\nq(q)(1)', 'ff ( 1) q(1)', 'a ( from a macro does not make a call; a painted name stays painted'],
    ['#define showlist(...) puts(#__VA_ARGS__)\nshowlist(The first, second, and third items.);', 'puts("The first, second, and third items.");', '#__VA_ARGS__ (C99 6.10.3.5 example)'],
    ['#define EMPTY\n#define F(x) <x>\nF(EMPTY) F()', '<> <>', 'empty arguments'],
    ['#define A 1\n#undef A\nA', 'A', '#undef'],
    ['#if 0\nno\n#elif 2 > 1\nyes\n#else\nno\n#endif', 'yes', '#elif'],
    ['#ifdef NOPE\nno\n#else\nyes\n#endif\n#ifndef NOPE\nyes2\n#endif', 'yes yes2', '#ifdef and #ifndef'],
    ['#define D\n#if defined D && defined(D) && !defined E\nyes\n#endif', 'yes', 'defined with and without parentheses'],
    ['#if 0\n#if 1\nno\n#else\nno\n#endif\n#elif 1\nyes\n#endif', 'yes', 'nested groups inside a skipped one are counted, not read'],
    ["#if 0\nthis isn't C at all \" \n#error not here\n#endif\nok", 'ok', 'a skipped group is not read: no lexing errors, no #error'],
    ['#if -1 > 0u\nunsigned\n#endif\n#if -1 < 0\nsigned\n#endif', 'unsigned signed', 'usual arithmetic conversions in #if'],
    ['#if 0 && 1/0\nno\n#elif 1 || 1/0\nyes\n#endif', 'yes', '&& and || do not evaluate what they skip'],
    ["#if 1 ? 2 : (1/0)\nyes\n#endif\n#if 'a' == 97 && 0x10 == 16 && 010 == 8 && 0b11 == 3\nyes2\n#endif", 'yes yes2', '?: and number forms'],
    ['#if (1 ? 0 ? 5 : 6 : 7) == 6\nyes\n#endif', 'yes', 'nested ?:'],
    ['__LINE__ __FILE__\n__LINE__', '1 "/m/m.c" 2', '__LINE__ and __FILE__'],
    ['KBUILD_MODNAME __GNUC__ __GNUC_MINOR__ __x86_64__ __STDC_VERSION__', '"m" 12 2 1 201112L', 'predefined macros of gcc 12.2 and kbuild'],
    ['#if defined(__KERNEL__) && defined(MODULE) && IS_ENABLED(CONFIG_DYNAMIC_DEBUG) && !IS_ENABLED(CONFIG_NOPE) && IS_BUILTIN(CONFIG_SMP) && !IS_MODULE(CONFIG_SMP)\nyes\n#endif', 'yes', "kconfig.h's IS_ENABLED() on the kernel's known options"],
  ];
  for (const [src, want, what] of rows) {
    it(what, () => assert.equal(expand(src), want));
  }

  it('reads #include "local.h" from the directory of the including file, and names it dir/name', () => {
    const files: Record<string, string> = { '/m/local.h': '#pragma once\n#define LOCAL 42\n', '/m/sub/deep.h': '#include "../local.h"\nint deep = LOCAL;\n' };
    const r = run('#include "local.h"\n#include "local.h"\n#include "sub/deep.h"\nLOCAL', { readFile: (p) => files[canonicalPath(p)] });
    assert.equal(spell(r.tokens.filter((t) => t.kind !== 'eof').map((t) => (t.bol ? { ...t, space: true } : t))).trim(), 'int deep = 42; 42');
    // the second inclusion of local.h (#pragma once) is not read again, under either name
    assert.deepEqual([...r.headers.keys()], ['/m/local.h', '/m/sub/deep.h']);
    assert.deepEqual(r.includes, ['"local.h"', '"local.h"', '"sub/deep.h"', '"../local.h"']);
    const deep = r.tokens.find((t) => t.text === 'deep');
    assert.deepEqual([deep?.file, deep?.line, deep?.col], ['/m/sub/deep.h', 2, 5]);
  });

  it('keeps every token where the student wrote it: arguments their own place, a body the call\'s', () => {
    const r = run('#define TWICE(x) (x + x)\nint v =\n   TWICE( counter );');
    const located = r.tokens.filter((t) => t.kind !== 'eof').map((t) => `${t.text}@${t.line}:${t.col}`);
    assert.deepEqual(located, ['int@2:1', 'v@2:5', '=@2:7', '(@3:4', 'counter@3:11', '+@3:4', 'counter@3:11', ')@3:4', ';@3:20']);
  });

  it('gives pr_* the real printk.h shape: pr_fmt for all but pr_cont, KERN_* as KERN_SOH strings', () => {
    const src = '#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt\n#include <linux/module.h>\npr_info("hi %d\\n", 1); pr_cont("more"); pr_err("e");';
    assert.equal(expand(src), 'printk("\\001" "6" "m" ": " "hi %d\\n", 1); printk("\\001" "c" "more"); printk("\\001" "3" "m" ": " "e");');
  });

  it('makes pr_debug a dynamic debug call site, printed from the start when DEBUG is defined before the headers', () => {
    assert.equal(expand('#include <linux/kernel.h>\npr_debug("d");'), '__pr_debug("\\001" "7" "d");');
    assert.equal(expand('#define DEBUG\n#include <linux/kernel.h>\npr_debug("d");'), 'printk("\\001" "7" "d");');
    assert.equal(expand('#include <linux/kernel.h>\npr_debug("d");', { commandLine: [['DEBUG', '1']] }), 'printk("\\001" "7" "d");');
    assert.equal(expand('#include <linux/kernel.h>\npr_devel("d");'), 'no_printk("\\001" "7" "d");');
  });

  it('knows no kernel macros before a kernel header is included (gcc would not either)', () => {
    assert.equal(expand('KERN_INFO pr_info'), 'KERN_INFO pr_info');
  });
});

describe('cc: the preprocessor says what gcc 12.2 says', () => {
  it('words #error and #warning as gcc does, whitespace folded, with the caret under the directive', () => {
    assert.equal(
      gcc('#error this is   bad  "x"\n  #  warning careful here\n').diagnostics,
      '/tmp/pp/x.c:1:2: error: #error this is bad "x"\n    1 | #error this is   bad  "x"\n      |  ^~~~~\n' +
        '/tmp/pp/x.c:2:6: warning: #warning careful here [-Wcpp]\n    2 |   #  warning careful here\n      |      ^~~~~~~\n',
    );
  });

  it('warns of a changed definition with no column, then where the first one was', () => {
    const r = gcc('#define A 1\n#define A 1\n#define A 2\n#define B(x) x\n#define B(y) y\n#define N 1 + 2\n#define N 1+2\n');
    assert.equal(
      r.diagnostics,
      [
        '/tmp/pp/x.c:3: warning: "A" redefined', '    3 | #define A 2', '      | ', '/tmp/pp/x.c:1: note: this is the location of the previous definition', '    1 | #define A 1', '      | ',
        '/tmp/pp/x.c:5: warning: "B" redefined', '    5 | #define B(y) y', '      | ', '/tmp/pp/x.c:4: note: this is the location of the previous definition', '    4 | #define B(x) x', '      | ',
        '/tmp/pp/x.c:7: warning: "N" redefined', '    7 | #define N 1+2', '      | ', '/tmp/pp/x.c:6: note: this is the location of the previous definition', '    6 | #define N 1 + 2', '      | ', '',
      ].join('\n'),
    );
    assert.equal(r.ok, true);
  });

  it('reports unterminated groups at the end of the file, innermost first', () => {
    assert.equal(gcc('#ifdef X\nint a;\n#if 1\n').diagnostics, '/tmp/pp/x.c:3: error: unterminated #if\n    3 | #if 1\n      | \n/tmp/pp/x.c:1: error: unterminated #ifdef\n    1 | #ifdef X\n      | \n');
  });

  it('counts a macro call\'s arguments', () => {
    assert.equal(
      gcc('#define F(a,b) a\nint f(void) { return F(1,2,3); }\n').diagnostics.split('\n').slice(0, 10).join('\n'),
      "/tmp/pp/x.c: In function ‘f’:\n/tmp/pp/x.c:2:30: error: macro \"F\" passed 3 arguments, but takes just 2\n    2 | int f(void) { return F(1,2,3); }\n      |                              ^\n/tmp/pp/x.c:1: note: macro \"F\" defined here\n    1 | #define F(a,b) a\n      | \n" +
        "/tmp/pp/x.c:2:22: error: ‘F’ undeclared (first use in this function)\n    2 | int f(void) { return F(1,2,3); }\n      |                      ^",
    );
  });

  it('stops at a missing header: fatal error, then "compilation terminated."', () => {
    const r = gcc('#warning first\n#include "nofile.h"\nint x;\n#error never\n');
    assert.equal(
      r.diagnostics,
      '/tmp/pp/x.c:1:2: warning: #warning first [-Wcpp]\n    1 | #warning first\n      |  ^~~~~~~\n/tmp/pp/x.c:2:10: fatal error: nofile.h: No such file or directory\n    2 | #include "nofile.h"\n      |          ^~~~~~~~~~\ncompilation terminated.\n',
    );
    assert.equal(r.ok, false);
    assert.equal(gcc('#include <stdio.h>\n').diagnostics.split('\n')[0], '/tmp/pp/x.c:1:10: fatal error: stdio.h: No such file or directory');
  });

  it('names the include chain of a message in a header', () => {
    const files = { '/tmp/pp/h2.h': '#include "sub/in.h"\n', '/tmp/pp/sub/in.h': '#error deep\n' };
    assert.equal(
      gcc('#include "h2.h"\nint x;\n', files, '/tmp/pp/y.c').diagnostics,
      'In file included from /tmp/pp/h2.h:1,\n                 from /tmp/pp/y.c:1:\n/tmp/pp/sub/in.h:1:2: error: #error deep\n    1 | #error deep\n      |  ^~~~~\n',
    );
  });

  it('puts a #warning inside a function under "In function", one after it under "At top level"', () => {
    assert.equal(
      gcc('int f(void){ return y; }\n#warning top\n').diagnostics,
      "/tmp/pp/x.c: In function ‘f’:\n/tmp/pp/x.c:1:21: error: ‘y’ undeclared (first use in this function)\n    1 | int f(void){ return y; }\n      |                     ^\n/tmp/pp/x.c:1:21: note: each undeclared identifier is reported only once for each function it appears in\n/tmp/pp/x.c: At top level:\n/tmp/pp/x.c:2:2: warning: #warning top [-Wcpp]\n    2 | #warning top\n      |  ^~~~~~~\n",
    );
  });

  // `gcc -fsyntax-only` on the same lines (a.c and d.c of the session's notes)
  const directiveErrors: Array<[string, string]> = [
    ['#if 1\n#else\n#else\n#endif', '3:2: error: #else after #else|1: error: the conditional began here'],
    ['#elif 1\n#endif', '1:2: error: #elif without #if|2:2: error: #endif without #if'],
    ['#if\n#endif\n#if 1\n#elif\n#endif\n#if 0\n#elif\n#endif', '1:4: error: #if with no expression|7:6: error: #elif with no expression'],
    ['#if 1 +\n#endif', "1:8: error: operator '+' has no right operand"],
    ['#if (1\n#endif', "1:5: error: missing ')' in expression"],
    ['#if 1 ? 2\n#endif', "1:10: error: '?' without following ':'"],
    ['#if 1 2\n#endif', '1:7: error: missing binary operator before token "2"'],
    ['#if ()\n#endif', "1:6: error: missing expression between '(' and ')'"],
    ['#if defined\n#endif\n#if defined(\n#endif\n#if defined(X\n#endif', '1:12: error: operator "defined" requires an identifier|3:13: error: operator "defined" requires an identifier|5:14: error: missing \')\' after "defined"'],
    ['#if 0x\n#endif\n#if 1.0\n#endif\n#if "s"\n#endif', '1:5: error: invalid suffix "x" on integer constant|3:5: error: floating constant in preprocessor expression|5:5: error: token ""s"" is not valid in preprocessor expressions'],
    ['#if 18446744073709551616\n#endif\n#if 9223372036854775807+1\n#endif', '1:5: warning: integer constant is too large for its type|3:26: warning: integer overflow in preprocessor expression'],
    ['#if 1/0\n#endif\n#if FOO(1)\n#endif\n#if \'ab\'\n#endif', '1:6: error: division by zero in #if|3:8: error: missing binary operator before token "("|5:5: warning: multi-character character constant [-Wmultichar]'],
    ['#ifdef X junk\n#endif\n#ifdef\n#endif\n#ifdef 3\n#endif', '1:10: warning: extra tokens at end of #ifdef directive|3:7: error: no macro name given in #ifdef directive|5:8: error: macro names must be identifiers'],
    ['#foo\n#undef\n#define\n#define 3', '1:2: error: invalid preprocessing directive #foo|2:7: error: no macro name given in #undef directive|3:8: error: no macro name given in #define directive|4:9: error: macro names must be identifiers'],
    ['#define F(x,x) x\n#define G(x x\n#define I(a) #b\n#define J ## a\n#define K a ##', '1:13: error: duplicate macro parameter "x"|2:13: error: expected \',\' or \')\', found "x"|3:12: error: \'#\' is not followed by a macro parameter|4:9: error: \'##\' cannot appear at either end of a macro expansion|5:9: error: \'##\' cannot appear at either end of a macro expansion'],
    ['#define G(x\n#define G2(x,)\n#define G3(\n#define A+1', "1:12: error: expected ')' before end of line|2:14: error: expected parameter name, found \")\"|3:12: error: expected parameter name before end of line|4:9: warning: ISO C99 requires whitespace after the macro name"],
    ['#define W(a,b,...) a\nW(1)', '2:4: error: macro "W" requires 3 arguments, but only 1 given|1: note: macro "W" defined here'],
    ['#undef __FILE__\n#define __LINE__ 7\n#error', '1: warning: undefining "__FILE__" [-Wbuiltin-macro-redefined]|2: warning: "__LINE__" redefined|3:2: error: #error '],
    ['#include\n#include foo', '1:9: error: #include expects "FILENAME" or <FILENAME>|2:10: error: #include expects "FILENAME" or <FILENAME>'],
    ['#define F(a) a\nint z = F(1\n;\nreturn 0;}\n', '4:11: error: unterminated argument list invoking macro "F"'],
  ];
  for (const [src, want] of directiveErrors) {
    it(`says ${want.split('|')[0].replace(/^[\d:]+ /, '')}`, () => assert.deepEqual(messages(src), want.split('|')));
  }

  it('warns of an unterminated literal as it lexes, then drops it with an error', () => {
    assert.equal(
      gcc("#error don't do it\n").diagnostics,
      "/tmp/pp/x.c:1:11: warning: missing terminating ' character\n    1 | #error don't do it\n      |           ^\n/tmp/pp/x.c:1:2: error: #error don't do it\n    1 | #error don't do it\n      |  ^~~~~\n",
    );
    const r = run("int x = 'a;\nchar *s = \"abc;\n");
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.at.line}:${d.at.col}: ${d.kind}: ${d.message} (${d.length})`),
      ["1:9: warning: missing terminating ' character (1)", "1:9: error: missing terminating ' character (3)", '2:11: warning: missing terminating " character (1)', '2:11: error: missing terminating " character (5)'],
    );
    assert.equal(spell(r.tokens), 'int x =char *s =');
  });

  it('refuses __DATE__ and __TIME__ as kbuild\'s -Werror=date-time does', () => {
    const r = gcc('const char *d = __DATE__;\nconst char *t = __TIME__;\n');
    assert.equal(
      r.diagnostics,
      '/tmp/pp/x.c:1:17: error: macro "__DATE__" might prevent reproducible builds [-Werror=date-time]\n    1 | const char *d = __DATE__;\n      |                 ^~~~~~~~\n' +
        '/tmp/pp/x.c:2:17: error: macro "__TIME__" might prevent reproducible builds [-Werror=date-time]\n    2 | const char *t = __TIME__;\n      |                 ^~~~~~~~\ncc1: some warnings being treated as errors\n',
    );
    assert.equal(r.ok, false);
  });

  it('says a redefined predefined macro was defined <built-in>', () => {
    assert.deepEqual(gcc('#define __GNUC__ 3\n').diagnostics, '/tmp/pp/x.c:1: warning: "__GNUC__" redefined\n    1 | #define __GNUC__ 3\n      | \n<built-in>: note: this is the location of the previous definition\n');
  });
});

describe('cc: the preprocessor and parser against hostile sources', () => {
  it('stops a macro that doubles itself at MAX_EXPANDED_TOKENS, quickly, with a fatal error', () => {
    const defs = ['#define A0 x x', ...Array.from({ length: 30 }, (_, i) => `#define A${i + 1} A${i} A${i}`)].join('\n');
    const started = Date.now();
    const r = gcc(`${defs}\nint v = A30;\n`);
    assert.ok(Date.now() - started < 3000, 'bounded');
    assert.equal(r.ok, false);
    assert.match(r.diagnostics, new RegExp(`fatal error: macro expansion exceeds this machine's limit of ${MAX_EXPANDED_TOKENS} tokens\\n[\\s\\S]*compilation terminated\\.\\n$`));
  });

  it(`stops macro calls nested in arguments past MAX_MACRO_NESTING (${MAX_MACRO_NESTING}) with a fatal error, not a host stack overflow`, () => {
    const nest = (n: number): string => `#define F(x) x\nint a = ${'F('.repeat(n)}1${')'.repeat(n)};\n`;
    assert.equal(expand(nest(MAX_MACRO_NESTING)), 'int a = 1;');
    const r = gcc(nest(10_000));
    assert.equal(r.ok, false);
    assert.match(r.diagnostics, new RegExp(`fatal error: macro calls nest deeper than this machine's limit of ${MAX_MACRO_NESTING}\n[\\s\\S]*compilation terminated\\.\n$`));
  });

  it('survives 5 000 nested #if groups, closed or left open', () => {
    const n = 5_000;
    assert.equal(expand('#if 1\n'.repeat(n) + 'deep\n' + '#endif\n'.repeat(n)), 'deep');
    assert.equal(expand('#if 0\n' + '#if 1\n'.repeat(n) + '#endif\n'.repeat(n) + '#else\nyes\n#endif'), 'yes');
    const open = run('#if 1\n'.repeat(n));
    assert.equal(open.diagnostics.length, n);
    assert.equal(open.diagnostics[0].message, 'unterminated #if');
  });

  it('evaluates an #if of 20 000 nested parentheses, as gcc does, without recursion', () => {
    const n = 20_000;
    assert.equal(expand(`#if ${'('.repeat(n)}1${')'.repeat(n)}\nyes\n#endif`), 'yes');
    const end = { kind: 'eof' as const, text: '', line: 1, col: 1 };
    assert.equal(evaluate(tokenize('- '.repeat(1000) + '1').filter((t) => t.kind !== 'eof'), end).value?.v, 1n);
  });

  it('stops a header that includes itself at gcc\'s depth of 200, with the whole chain', () => {
    const r = gcc('#include "self.h"\nint x;\n', { '/tmp/pp/self.h': '#include "self.h"\n' });
    const lines = r.diagnostics.split('\n');
    assert.equal(lines[0], 'In file included from /tmp/pp/self.h:1,');
    assert.equal(lines[MAX_INCLUDE_DEPTH - 1], '                 from /tmp/pp/x.c:1:');
    assert.equal(lines[MAX_INCLUDE_DEPTH], '/tmp/pp/self.h:1:18: error: #include nested depth 200 exceeds maximum of 200 (use -fmax-include-depth=DEPTH to increase the maximum)');
    assert.equal(r.ok, false);
  });

  it('compiles a sum of 20,000 terms, as gcc 12 does (a left chain is read by a loop)', () => {
    assert.equal(gcc(`int f(void) { return 1${' + 1'.repeat(20_000)}; }\n`).status, 0);
  });

  it('compiles 500 random directive soups without throwing, each within its budget', () => {
    // a fixed-seed generator: the same soups every run
    let seed = 20261205;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const words = ['#', 'define', 'undef', 'if', 'ifdef', 'ifndef', 'elif', 'else', 'endif', 'include', 'error', 'warning', 'defined', 'A', 'B', 'F', '(', ')', ',', '...', '__VA_ARGS__', '##', '1', '0', '+', '/', '?', ':', '"x.h"', '<linux/module.h>', "'c'", '"s', '\n', '\n', '\n', 'int', ';', '{', '}', '\\\n', '__LINE__', 'pr_info', 'KERN_INFO'];
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: 5 + rand(80) }, () => words[rand(words.length)]).join(' ').replace(/ ?\n ?/g, '\n');
      const started = Date.now();
      const r = gcc(text, { '/tmp/pp/x.h': '#define A B\n#include "x.h"\n' });
      assert.equal(typeof r.diagnostics, 'string', text);
      assert.ok(Date.now() - started < 2000, text);
    }
  });
});
