/**
 * Random kernel modules for fuzzing make + insmod: a seeded generator of C that mostly
 * compiles (it declares what it uses and calls what the headers declare) and does what a
 * beginner's — or a hostile — module does: loops bounded and not, recursion, kmalloc'd
 * structs with array members, a list built and walked, strings copied and formatted,
 * pointers that may be NULL, freed or wild, divisions that may be by zero, BUG_ON, WARN_ON,
 * parameters, huge arrays. And mutants of real sources: lines dropped, swapped, or given a
 * hostile snippet.
 */


export class Picker {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * Math.max(n, 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const NUMBERS = ['0', '1', '2', '3', '7', '-1', '16', '255', '256', '1000', '65536', '2147483647', '-2147483648', '0x7fffffff', '4294967295U', '9223372036854775807L', '(1UL << 63)', 'INT_MAX', 'HZ', 'jiffies'];
const BOUNDS = ['0', '1', '3', '10', '100', '4096', '100000', '2147483647'];
const WORDS = ['"hello"', '"Hello, kernel"', '""', '"%s%s%s"', '"a much longer string than the buffer may hold, surely longer than sixteen"', '"x"'];
const FORMATS = ['"%d\\n"', '"%s\\n"', '"%ld %lu\\n"', '"%x %o %c\\n"', '"%p %pK\\n"', '"%5d|%-5d|%05d\\n"', '"%zu\\n"', '"%s=%d\\n"', '"%%\\n"', '"%n%d\\n"', '"%*d\\n"', '"%-*d|\\n"', '"%.*s\\n"'];
const LEVELS = ['pr_info', 'pr_err', 'pr_warn', 'pr_debug', 'pr_notice', 'printk(KERN_ALERT', 'printk'];

/** One random module called NAME. */
export function randomModule(p: Picker, name: string): string {
  const buf = p.pick(['1', '8', '16', '32', '64', '4096']);
  const arr = p.pick(['1', '4', '16', '100', '4096']);
  const lines: string[] = [
    '#include <linux/module.h>',
    '#include <linux/kernel.h>',
    '#include <linux/slab.h>',
    '#include <linux/string.h>',
    '#include <linux/delay.h>',
    '',
    `struct item {\n\tint id;\n\tchar name[16];\n\tstruct item *next;\n\tlong v;\n\tint marks[${p.pick(['2', '8', '64'])}];\n};`,
    '',
    // gcc wants a constant here ("initializer element is not constant" otherwise)
    `static int g0 = ${p.pick(NUMBERS.filter((n) => n !== 'jiffies'))};`,
    'static int g1;',
    'static long gl;',
    `static char gbuf[${buf}];`,
    `static int garr[${arr}];`,
    'static struct item *head;',
    'static struct item gitem;',
    'static int *gp;',
  ];
  if (p.chance(0.3)) lines.push('module_param(g1, int, 0644);', 'MODULE_PARM_DESC(g1, "a number");');
  if (p.chance(0.15)) lines.push(`static char huge[${p.pick(['8192', '65536', '1048576'])}];`);
  const ctx: Ctx = { p, depth: 0, ints: ['g0', 'g1', 'i', 'j', 's', 'garr[0]', 'gitem.id', 'gitem.marks[1]', `garr[${p.int(Number(arr) + 2)}]`], buf: `buf`, stmts: 0 };
  lines.push('', 'static int helper(int n)', '{', '\tint i = 0, j = 0, s = 0;', '\tstruct item *p = NULL;', '\tint *q = NULL;', '\tchar buf[16];', '');
  lines.push(...block(ctx, 1 + p.int(4)).map((l) => `\t${l}`));
  lines.push(`\tif (n > ${p.pick(['0', '1', '10', '-1'])})`, `\t\treturn helper(n - ${p.pick(['1', '1', '0', '2'])}) + ${expr(ctx)};`, '\treturn s + (int)sizeof(buf) + (q ? *q : 0) + (p ? p->id : 0);', '}', '');
  const exported = p.chance(0.2);
  if (exported) lines.push(`int ${name}_api(int n)`, '{', '\treturn helper(n) + g0;', '}', `EXPORT_SYMBOL(${name}_api);`, '');
  lines.push(`static int __init ${name}_init(void)`, '{', '\tint i = 0, j = 0, s = 0;', '\tstruct item *p = NULL;', '\tint *q = NULL;', `\tchar buf[${p.pick(['4', '16', '64', '4096'])}];`, '');
  lines.push(...block(ctx, 2 + p.int(8)).map((l) => `\t${l}`));
  // now and then a long chain: an expression tree thousands deep
  if (p.chance(0.02)) lines.push(`\ts += ${Array.from({ length: 1000 + p.int(20000) }, () => p.pick(['1', 'i', 's', 'g0'])).join(` ${p.pick(['+', '-', '&&', '||', '^', ','])} `)};`);
  lines.push(`\treturn ${p.pick(['0', '0', '0', '0', '-ENOMEM', '-EINVAL', '1', 's', '-1', 'helper(3)'])};`, '}', '');
  lines.push(`static void __exit ${name}_exit(void)`, '{', '\tint i = 0, j = 0, s = 0;', '\tstruct item *p = NULL;', '\tint *q = NULL;', '\tchar buf[8] = "";', '', '\twhile (head) {', '\t\tp = head;', '\t\thead = head->next;', '\t\tkfree(p);', '\t}');
  if (p.chance(0.3)) lines.push(`\t${printk(ctx)}`);
  if (p.chance(0.1)) lines.push('\tkfree(gp);', '\t*gp = 1;');
  lines.push('}', '', `module_init(${name}_init);`);
  if (p.chance(0.9)) lines.push(`module_exit(${name}_exit);`);
  if (p.chance(0.95)) lines.push(`MODULE_LICENSE("${p.pick(['GPL', 'GPL', 'Dual MIT/GPL', 'Proprietary'])}");`);
  return `${lines.join('\n')}\n`;
}

interface Ctx {
  p: Picker;
  depth: number;
  ints: string[];
  buf: string;
  stmts: number;
}

function expr(c: Ctx, depth = 0): string {
  const { p } = c;
  const leaf = (): string => (p.chance(0.5) ? p.pick(NUMBERS) : p.pick(c.ints));
  if (depth > 2 || p.chance(0.35)) return leaf();
  switch (p.int(9)) {
    case 0:
      return `${expr(c, depth + 1)} ${p.pick(['+', '-', '*', '&', '|', '^', '<<', '>>', '==', '<', '&&', '||'])} ${expr(c, depth + 1)}`;
    case 1:
      return `(${expr(c, depth + 1)}) ${p.pick(['/', '%'])} (${expr(c, depth + 1)})`;
    case 2:
      return `${p.pick(['-', '!', '~'])}(${expr(c, depth + 1)})`;
    case 3:
      return `(${p.pick(['char', 'unsigned char', 'short', 'unsigned int', 'long', 'u8', 's64', 'bool'])})(${expr(c, depth + 1)})`;
    case 4:
      return `${expr(c, depth + 1)} ? ${expr(c, depth + 1)} : ${expr(c, depth + 1)}`;
    case 5:
      return p.pick(['(int)strlen(buf)', '(int)strlen(gbuf)', '(int)sizeof(struct item)', '(int)sizeof(buf)', '(int)ARRAY_SIZE(garr)', 'gitem.name[0]', 'buf[0]']);
    case 6:
      return p.pick(['(p ? p->id : 0)', 'p->id', 'p->marks[3]', 'p->name[0]', '*q', 'q[1]', '(q ? *q : -1)', 'head->id', 'gp[0]']);
    case 7:
      return `helper(${p.pick(['0', '1', '3', '20', '100', '-5', 'i'])})`;
    default:
      return `${p.pick(c.ints)}${p.pick(['++', '--', ''])}`;
  }
}

function printk(c: Ctx): string {
  const { p } = c;
  const level = p.pick(LEVELS);
  const open = level.endsWith('(KERN_ALERT') ? `${level} ` : `${level}(`;
  return `${open}${p.pick(FORMATS)}, ${p.chance(0.5) ? expr(c) : p.pick(['buf', 'gbuf', '"s"', 'p', 'q', 'gitem.name', 'p->name'])}, ${expr(c)});`;
}

function block(c: Ctx, n: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < n && c.stmts < 60; k++) out.push(...stmt(c));
  return out;
}

function stmt(c: Ctx): string[] {
  const { p } = c;
  c.stmts++;
  const nested = (): string[] => {
    c.depth++;
    const body = c.depth > 3 ? [`${p.pick(c.ints)} = ${expr(c)};`] : block(c, 1 + p.int(3));
    c.depth--;
    return body.map((l) => `\t${l}`);
  };
  switch (p.int(20)) {
    case 0:
    case 1:
      return [`${p.pick(c.ints)} ${p.pick(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '|='])} ${expr(c)};`];
    case 2:
      return [`if (${expr(c)}) {`, ...nested(), '} else {', ...nested(), '}'];
    case 3:
      return [`for (i = 0; i < ${p.pick(BOUNDS)}; i++) {`, ...nested(), '}'];
    case 4:
      return [`while (${p.pick(['j < 10', 'j != 7', '1', 'head && j < 3', 's < 1000'])}) {`, ...nested(), `\tj${p.pick(['++', '+= 2', '--', ''])};`, '}'];
    case 5:
      return [`switch (${expr(c)}) {`, 'case 0:', ...nested(), '\tbreak;', `case ${p.pick(['1', '-1', '255'])}:`, ...nested(), 'default:', ...nested(), '}'];
    case 6:
      return [`p = ${p.pick(['kmalloc(sizeof(*p), GFP_KERNEL)', 'kzalloc(sizeof(*p), GFP_KERNEL)', 'kzalloc(sizeof(struct item), GFP_KERNEL)', 'kcalloc(4, sizeof(*p), GFP_KERNEL)', 'kmalloc(0, GFP_KERNEL)', 'kmalloc(1 << 30, GFP_KERNEL)', 'NULL', '&gitem', 'head'])};`];
    case 7:
      return p.chance(0.7) ? ['if (!p)', `\treturn ${p.pick(['-ENOMEM', '0', '-EFAULT'])};`] : ['p->id = i;'];
    case 8:
      return [`p->${p.pick(['id', 'v', 'marks[2]', `marks[${p.pick(['0', '7', '63', '100', '-1'])}]`, 'name[3]'])} = ${expr(c)};`];
    case 9:
      return [p.pick(['strcpy(p->name, ', 'strcpy(buf, ', 'strcpy(gbuf, ', 'strcat(buf, ', 'strscpy(p->name, ', 'strncpy(gitem.name, '])
        + `${p.pick(WORDS)}${p.chance(0.5) ? ', sizeof(buf)' : ''});`];
    case 10:
      return [`${p.pick(['snprintf(buf, sizeof(buf), ', 'snprintf(p->name, sizeof(p->name), ', 'sprintf(gbuf, ', 'scnprintf(buf, 4, '])}${p.pick(FORMATS)}, ${expr(c)}, ${p.pick(WORDS)});`];
    case 11:
      return [`${p.pick(['memset(buf, ', 'memset(p, ', 'memset(garr, ', 'memset(p->marks, '])}${p.pick(['0', "'a'", '255'])}, ${p.pick(['sizeof(buf)', '4', '16', '100000', 'sizeof(*p)'])});`];
    case 12:
      return [printk(c)];
    case 13:
      return ['p->next = head;', 'head = p;'];
    case 14:
      return ['for (p = head; p; p = p->next)', `\ts += p->${p.pick(['id', 'marks[1]', 'name[0]', 'v'])};`];
    case 15:
      return [`q = ${p.pick(['&garr[0]', '&garr[3]', 'garr + 1', 'gp', '&i', '&gitem.id', 'p ? p->marks : NULL', '(int *)16', 'kmalloc(64, GFP_KERNEL)'])};`, `${p.pick(['*q', 'q[2]', 'q[-1]', '*(q + 1)'])} = ${expr(c)};`];
    case 16:
      return [p.pick(['kfree(p);', 'kfree(head);', 'kfree(q);', 'kfree(NULL);', 'kfree(&gitem);'])];
    case 17:
      return [p.pick([`BUG_ON(${expr(c)} == 12345);`, `WARN_ON(${expr(c)} == 3);`, `WARN_ON_ONCE(s > 100);`, 'msleep(10);', 'mdelay(1);', `if (${expr(c)} == 99) BUG();`, 'return -EBUSY;', `gl += ${expr(c)};`])];
    case 18:
      return [`s += helper(${p.pick(['0', '2', '10', '1000', 'i', '-1'])});`];
    default:
      return [`${p.pick(c.ints)} = ${expr(c)};`];
  }
}

const SNIPPETS = ['{', '}', '(', ')', ';', '*', '&', '->', '.', '[0]', '[-1]', 'NULL', '0', '-1', '2147483647', '"%s%d%p"', "'\\0'", 'while (1)', 'for (;;)', 'return', 'kfree(', 'kmalloc(64, GFP_KERNEL)', 'BUG();', 'WARN_ON(1);', '/', '%', '<<', '++', '--', 'sizeof', 'struct thing', '\n', '#define X(a) a a\n', 'static char big[1 << 20];', 'static int r(int n) { return r(n + 1); }', '/ 0', '\\', '"', "'", '/*', '*/', '//', '#if 0\n', '#endif\n', '\u00e9', '\u0000'];

/** A mutant of TEXT: 1 to 4 lines dropped, swapped, or given one of SNIPPETS; P picks at random. */
export function mutate(p: Pick<Picker, 'int'>, text: string, snippets: readonly string[] = SNIPPETS): string {
  const lines = text.split('\n');
  for (let k = 0, n = 1 + p.int(4); k < n; k++) {
    const at = p.int(lines.length);
    switch (p.int(3)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        [lines[at], lines[(at + 1) % lines.length]] = [lines[(at + 1) % lines.length] ?? '', lines[at] ?? ''];
        break;
      default: {
        const line = lines[at] ?? '';
        const col = p.int(line.length + 1);
        lines[at] = line.slice(0, col) + (snippets[p.int(snippets.length)] ?? '') + line.slice(col);
      }
    }
  }
  return lines.slice(0, 400).join('\n');
}
