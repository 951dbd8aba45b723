import { strict as assert } from 'node:assert';
import { compile, linkModule } from '../../src/cc/module-image';
import { format } from '../../src/cc/interp';
import { teachingSources } from '../../src/modules/teaching-sources';
import { teachingByName } from '../../src/modules/teaching';
import { VERMAGIC } from '../../src/modules/catalog';
import { MAX_STEPS } from '../../src/cc/limits';
import type { ModuleImage } from '../../src/kernel/image';
import { formatModuleText } from '../../src/kernel/module-load';
import type { LoadedModule } from '../../src/kernel/state';
import { build, initModule, LoadedCode } from './run-code';

describe('cc: the teaching modules built from their sources behave as the shipped .ko files', () => {
  // mod_a/mod_c_prop/mod_d_prop print what mod_b returns: that needs mod_b loaded.
  const standalone = teachingSources.filter(([path]) => path.endsWith('.c') && !/mod_a|mod_c_prop|mod_d_prop/.test(path));
  for (const [path, text] of standalone) {
    const name = path.slice(path.lastIndexOf('/') + 1, -2);
    it(`${name}: modinfo (but srcversion), parameters, exports, what init and exit print and return`, () => {
      const shipped = teachingByName.get(name) as ModuleImage;
      const built = build(name, text, path);
      const withoutSrcversion = (m: ModuleImage): Array<[string, string]> => m.modinfo.filter(([k]) => k !== 'srcversion');
      assert.deepEqual(withoutSrcversion(built), withoutSrcversion(shipped));
      assert.deepEqual(built.params.map(({ counted: _c, ...p }) => p), shipped.params);
      assert.deepEqual(built.exports, shipped.exports);
      assert.equal(built.license, shipped.license);
      assert.equal(built.init === null, shipped.init === null);
      assert.equal(built.exit === null, shipped.exit === null);
      const loaded = new LoadedCode(built);
      const mod = { params: loaded.params.values, paramCounts: loaded.params.counts } as unknown as LoadedModule;
      const expected = (p: { level: number; text: string }): { level: number; text: string } => ({ level: p.level, text: formatModuleText(shipped, mod, p.text) });
      if (built.code?.init) {
        const outcome = loaded.init();
        assert.deepEqual(outcome, { kind: 'return', value: shipped.init?.returns ?? 0 });
        assert.deepEqual(loaded.rec.printk.map((p) => ({ level: p.level ?? 4, text: p.text.replace(/\n$/, '') })), (shipped.init?.printk ?? []).map(expected));
      }
      if (built.code?.exit) {
        loaded.rec.printk.length = 0;
        loaded.call(built.code.exit);
        assert.deepEqual(loaded.rec.printk.map((p) => ({ level: p.level ?? 4, text: p.text.replace(/\n$/, '') })), (shipped.exit?.printk ?? []).map(expected));
      }
    });
  }
});

describe('cc: C semantics of the interpreter', () => {
  const printed = (body: string, globals = ''): string[] => {
    const m = initModule(body, globals);
    const outcome = m.init();
    assert.equal(outcome.kind, 'return');
    return m.texts();
  };

  const rows: ReadonlyArray<readonly [string, string, string]> = [
    ['int wraps at 32 bits', 'int x = 2147483647; x = x + 1; pr_info("%d\\n", x); return 0;', '-2147483648'],
    ['%u of -1', 'pr_info("%u\\n", -1); return 0;', '4294967295'],
    ['%x and %05d', 'pr_info("%x %05d %-3s|\\n", 255, 42, "a"); return 0;', 'ff 00042 a  |'],
    ['integer division truncates toward zero', 'pr_info("%d %d\\n", -7 / 2, -7 % 2); return 0;', '-3 -1'],
    ['for loop and array', 'int a[3] = {1, 2, 3}; int i, s = 0; for (i = 0; i < ARRAY_SIZE(a); i++) s += a[i]; pr_info("%d\\n", s); return 0;', '6'],
    ['while, break and continue', 'int i = 0, n = 0; while (1) { i++; if (i > 10) break; if (i % 2) continue; n++; } pr_info("%d\\n", n); return 0;', '5'],
    ['recursion', 'pr_info("%d\\n", fact(10)); return 0;', '3628800'],
    ['strlen and %s', 'pr_info("%s=%d\\n", "abc", (int)strlen("abc")); return 0;', 'abc=3'],
    ['ternary and logic', 'int a = 3; pr_info("%d %d\\n", a > 2 ? 10 : 20, !a || a == 3); return 0;', '10 1'],
    ['unsigned char wraps at 8 bits', 'unsigned char c = 250; c += 10; pr_info("%d\\n", c); return 0;', '4'],
    ['short is 16 bits, signed', 'short s = 32767; s++; pr_info("%hd\\n", s); return 0;', '-32768'],
    ['long is 64 bits exactly', 'long l = 9223372036854775807L; l++; pr_info("%ld\\n", l); return 0;', '-9223372036854775808'],
    ['unsigned long max', 'unsigned long u = 0; u--; pr_info("%lu\\n", u); return 0;', '18446744073709551615'],
    ['%d of a long reads its low 32 bits', 'long l = 4294967297L; pr_info("%d\\n", l); return 0;', '1'],
    ['bool stores 0 or 1', 'bool b = 42; pr_info("%d\\n", b); return 0;', '1'],
    ['integer promotion: char + int', 'char c = 100; int i = c + 100; pr_info("%d\\n", i); return 0;', '200'],
    ['pointer to a local, written through', 'int n = 1; int *p = &n; *p = 7; pr_info("%d\\n", n); return 0;', '7'],
    ['pointer arithmetic over an array', 'int a[4] = {1, 2, 3, 4}; int *p = a; p += 2; pr_info("%d %d\\n", *p, p[1]); return 0;', '3 4'],
    ['struct fields written and read', 'struct pt q; q.x = 3; q.y = q.x * 2; pr_info("%d,%d\\n", q.x, q.y); return 0;', '3,6'],
    ['struct assignment copies', 'struct pt a = { 1, 2 }; struct pt b = a; b.x = 9; pr_info("%d %d\\n", a.x, b.x); return 0;', '1 9'],
    ['designated initializer', 'struct pt a = { .y = 5 }; pr_info("%d %d\\n", a.x, a.y); return 0;', '0 5'],
    ['array of structs', 'struct pt a[3]; int i; for (i = 0; i < 3; i++) { a[i].x = i; a[i].y = i * i; } pr_info("%d\\n", a[2].y + a[1].x); return 0;', '5'],
    ['a struct through a pointer (->)', 'struct pt a; struct pt *p = &a; p->x = 4; p->y = p->x + 1; pr_info("%d\\n", a.y); return 0;', '5'],
    ['sizeof of types and structs (x86-64)', 'pr_info("%zu %zu %zu %zu\\n", sizeof(int), sizeof(long), sizeof(struct pt), sizeof(char *)); return 0;', '4 8 8 8'],
    ['kmalloc\'d struct written and read', 'struct pt *p = kmalloc(sizeof(*p), GFP_KERNEL); if (!p) return -ENOMEM; p->x = 11; pr_info("%d\\n", p->x); kfree(p); return 0;', '11'],
    ['kzalloc\'d memory reads zero', 'int *a = kzalloc(16, GFP_KERNEL); pr_info("%d\\n", a[3]); kfree(a); return 0;', '0'],
    ['a char buffer: strcpy, snprintf, strcmp', 'char b[16]; strcpy(b, "ab"); snprintf(b, sizeof(b), "%s-%d", b, 5); pr_info("%s %d\\n", b, strcmp(b, "ab-5")); return 0;', 'ab-5 0'],
    ['kstrtoint into a local', 'int n = 0; int r = kstrtoint("42\\n", 10, &n); pr_info("%d %d\\n", r, n); return 0;', '0 42'],
    ['kstrtoint refuses junk', 'int n = 0; pr_info("%d\\n", kstrtoint("abc", 10, &n)); return 0;', '-22'],
    ['do while', 'int i = 0; do { i += 3; } while (i < 10); pr_info("%d\\n", i); return 0;', '12'],
    ['switch: cases, fall-through, default, break', 'int r = 0, k; for (k = 0; k < 4; k++) { switch (k) { case 0: r += 1; break; case 1: case 2: r += 10; break; default: r += 100; } } pr_info("%d\\n", r); return 0;', '121'],
    ['shifts are 64-bit safe', 'unsigned long x = 1UL << 40; pr_info("%lu\\n", x); return 0;', '1099511627776'],
  ];
  for (const [what, body, out] of rows) {
    it(what, () => {
      assert.deepEqual(printed(body, 'struct pt { int x; int y; };\nstatic int __maybe_unused fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }'), [out]);
    });
  }

  it('returns -EPERM as -1 and a positive value as is', () => {
    assert.deepEqual(initModule('return -EPERM;').init(), { kind: 'return', value: -1 });
    assert.deepEqual(initModule('return 1;').init(), { kind: 'return', value: 1 });
  });

  it('hands printk levels to the kernel: KERN_ERR 3, none undefined (the default), pr_cont as c, pr_debug as a dynamic call site', () => {
    const m = initModule('printk(KERN_ERR "e\\n"); printk("d\\n"); pr_info("a"); pr_cont("b\\n"); pr_debug("x\\n"); return 0;');
    m.init();
    assert.deepEqual(m.rec.printk, [{ level: 3, text: 'e\n' }, { level: undefined, text: 'd\n' }, { level: 6, text: 'a' }, { level: 'c', text: 'b\n' }, { level: 'dyndbg', text: 'x\n' }]);
  });

  it('applies a module\'s own pr_fmt with KBUILD_MODNAME', () => {
    const m = new LoadedCode(build('fmtmod', '#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt\n#include <linux/module.h>\nstatic int __init i(void) { pr_info("hi\\n"); return 0; }\nmodule_init(i);\nMODULE_LICENSE("GPL");\n'));
    m.init();
    assert.deepEqual(m.texts(), ['fmtmod: hi']);
  });

  it(`ends an endless loop as a call that never returns (a soft lockup) within its budget (${MAX_STEPS} steps), keeping what it printed`, () => {
    const started = Date.now();
    const m = initModule('pr_info("before\\n");\nwhile (1)\n;\nreturn 0;');
    const outcome = m.init();
    assert.equal(outcome.kind, 'lockup');
    assert.deepEqual(m.texts(), ['before']);
    assert.ok(Date.now() - started < 2000);
  });

  it('faults at a read through a NULL struct pointer, at the member\'s offset (11a: address 4)', () => {
    const m = initModule('pr_info("before\\n");\npr_info("%d\\n", ptr->value);\nreturn 0;', 'struct thing { int a; int value; };\nstatic struct thing *ptr;');
    assert.deepEqual(m.init(), { kind: 'oops', address: 4, write: false, at: { file: '/root/t.c', line: 8, function: 't_init' } });
    assert.deepEqual(m.texts(), ['before']);
  });

  it('faults at a write through NULL as a write access', () => {
    const m = initModule('int *p = NULL;\n*p = 1;\nreturn 0;');
    assert.deepEqual(m.init(), { kind: 'oops', address: 0, write: true, at: { file: '/root/t.c', line: 7, function: 't_init' } });
  });

  it('BUG() ends the call at its line; WARN_ON(1) reports and goes on', () => {
    const bug = initModule('pr_info("x\\n");\nBUG();\nreturn 0;');
    assert.deepEqual(bug.init(), { kind: 'bug', at: { file: '/root/t.c', line: 7, function: 't_init' } });
    const warn = initModule('WARN_ON(1);\nWARN_ON(0);\nreturn 0;');
    assert.deepEqual(warn.init(), { kind: 'return', value: 0 });
    assert.deepEqual(warn.rec.warns, [{ file: '/root/t.c', line: 6, function: 't_init' }]);
  });

  it('ends unbounded recursion at its call depth', () => {
    assert.equal(initModule('return down(0);', 'static int down(int n) { return down(n + 1); }').init().kind, 'lockup');
  });

  it('keeps globals and the heap between init and exit (a leak is what exit never frees)', () => {
    const m = new LoadedCode(build('leak', '#include <linux/module.h>\n#include <linux/slab.h>\nstatic char *buf;\nstatic int count = 1;\nstatic int __init l_init(void) { buf = kmalloc(1024 * 1024, GFP_KERNEL); buf[0] = 65; count++; return 0; }\nstatic void __exit l_exit(void) { pr_info("%c %d\\n", buf[0], count); }\nmodule_init(l_init);\nmodule_exit(l_exit);\nMODULE_LICENSE("GPL");\n'));
    m.init();
    const saved = JSON.parse(JSON.stringify(m.memory.data));
    m.memory.data = saved;
    m.call('l_exit');
    assert.deepEqual(m.texts(), ['A 2']);
    assert.equal(m.rec.allocated, 1024 * 1024);
  });

  it('list_head: list_add_tail, list_for_each by hand, list_del', () => {
    const out = printed(
      'struct item *it; struct list_head *pos; int i, sum = 0;\nINIT_LIST_HEAD(&head);\nfor (i = 1; i <= 3; i++) { it = kmalloc(sizeof(*it), GFP_KERNEL); it->v = i; list_add_tail(&it->node, &head); }\nfor (pos = head.next; pos != &head; pos = pos->next) sum++;\nlist_del(head.next);\npr_info("%d %d\\n", sum, list_empty(&head));\nreturn 0;',
      'struct list_head { struct list_head *next, *prev; };\nstruct item { int v; struct list_head node; };\nstatic struct list_head head;',
    );
    assert.deepEqual(out, ['3 0']);
  });
});

describe('cc: vsnprintf', () => {
  const rows: ReadonlyArray<readonly [string, Array<number | string>, string]> = [
    ['%d%%', [5], '5%'],
    ['%5s|%-5s|', ['ab', 'cd'], '   ab|cd   |'],
    ['%c%c', [72, 105], 'Hi'],
    ['%ld %lu %lld', [-1, 7, 8], '-1 7 8'],
    ['%s', [], '(null)'],
    ['%08X', [48879], '0000BEEF'],
  ];
  for (const [fmt, args, out] of rows) it(`${fmt} → ${out}`, () => assert.equal(format(fmt, args), out));
});

describe('cc: gcc 12 diagnostics for a beginner\'s mistakes', () => {
  const diag = (text: string): string => compile({ path: '/root/m/m.c', text }, 'm').diagnostics;

  it('names an undeclared identifier once, with the note', () => {
    assert.equal(
      diag('#include <linux/module.h>\nint __init m_init(void)\n{\n\tcounter = counter + 1;\n\treturn 0;\n}\n'),
      "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:4:9: error: ‘counter’ undeclared (first use in this function)\n    4 |         counter = counter + 1;\n      |         ^~~~~~~\n/root/m/m.c:4:9: note: each undeclared identifier is reported only once for each function it appears in\n",
    );
  });

  it('makes an implicit declaration an error, as kbuild\'s -Werror=implicit-function-declaration does', () => {
    assert.equal(
      diag('int m_init(void)\n{\n\tint r = compute(6, 7);\n\treturn r;\n}\n'),
      "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:3:17: error: implicit declaration of function ‘compute’ [-Werror=implicit-function-declaration]\n    3 |         int r = compute(6, 7);\n      |                 ^~~~~~~\ncc1: some warnings being treated as errors\n",
    );
  });

  it('warns of an unused variable and still compiles', () => {
    const r = compile({ path: '/root/m/m.c', text: 'int m_init(void)\n{\n\tint spare;\n\treturn 0;\n}\n' }, 'm');
    assert.equal(r.ok, true);
    assert.equal(r.diagnostics, "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:3:13: warning: unused variable ‘spare’ [-Wunused-variable]\n    3 |         int spare;\n      |             ^~~~~\n");
  });

  it('reports a non-void function without return at its closing brace', () => {
    assert.equal(
      diag('#include <linux/kernel.h>\nint m_init(void)\n{\n\tpr_info("x\\n");\n}\n'),
      "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:5:1: error: no return statement in function returning non-void [-Werror=return-type]\n    5 | }\n      | ^\ncc1: some warnings being treated as errors\n",
    );
  });

  it('-Wformat: printk(KERN_ERR "%ld", int) points into kern_levels.h and walks the macro notes back (00b warn_format\'s shape)', () => {
    const text = '#include <linux/module.h>\nstatic int n;\nstatic int __init m_init(void)\n{\n\tprintk(KERN_ERR "n=%ld s=%s\\n", n, n);\n\treturn 0;\n}\n';
    const out = compile({ path: '/root/m/m.c', text }, 'm').diagnostics.split('\n');
    assert.equal(out[0], 'In file included from /usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bug.h:22,');
    assert.equal(out[6], '                 from /root/m/m.c:1:');
    assert.equal(out[7], '/root/m/m.c: In function ‘m_init’:');
    assert.equal(out[8], '/usr/src/linux-headers-6.1.0-56-common/include/linux/kern_levels.h:5:25: warning: format ‘%ld’ expects argument of type ‘long int’, but argument 2 has type ‘int’ [-Wformat=]');
    assert.ok(out.includes('   11 | #define KERN_ERR        KERN_SOH "3"    /* error conditions */'));
    assert.ok(out.includes('/root/m/m.c:5:16: note: in expansion of macro ‘KERN_ERR’'));
    assert.ok(out.includes('/usr/src/linux-headers-6.1.0-56-common/include/linux/kern_levels.h:5:25: warning: format ‘%s’ expects argument of type ‘char *’, but argument 3 has type ‘int’ [-Wformat=]'));
    assert.equal(out.filter((l) => l.startsWith('In file included from')).length, 1);
  });

  it('-Wformat stays silent where no recording shows gcc\'s notes (pr_info, <linux/kernel.h> first) and for matching types', () => {
    const silent = (text: string): string => compile({ path: '/m.c', text }, 'm').diagnostics;
    assert.equal(silent('#include <linux/module.h>\nstatic long n;\nint __init i(void) { pr_info("%d\\n", n); return 0; }\n'), '');
    assert.equal(silent('#include <linux/kernel.h>\n#include <linux/module.h>\nstatic long n;\nint __init i(void) { printk(KERN_INFO "%d\\n", n); return 0; }\n'), '');
    assert.equal(silent('#include <linux/module.h>\nstatic unsigned long n;\nstatic char *s = "x";\nint __init i(void) { printk(KERN_INFO "%ld %lu %s %d %c %p\\n", n, n, s, 3, 65, s); return 0; }\n'), '');
  });

  it('uses ASCII quotes under LANG=C', () => {
    assert.equal(compile({ path: '/m.c', text: 'int f(void) { return x; }\n' }, 'm', { ascii: true }).diagnostics.split('\n')[0], "/m.c: In function 'f':");
  });

  it('never throws on random and truncated sources', () => {
    const base = teachingSources.find(([p]) => p.endsWith('hello_param.c'))?.[1] ?? '';
    let seed = 12345;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let i = 0; i < 300; i++) {
      let text = base.slice(0, rand(base.length));
      for (let k = 0; k < 5; k++) {
        const at = rand(text.length + 1);
        text = text.slice(0, at) + '{}();,"\'*/#=+-[]\\\n\t'.charAt(rand(20)) + text.slice(at);
      }
      const r = compile({ path: '/f.c', text }, 'f');
      if (r.ok && r.unit) {
        const image = linkModule('f', [r.unit], text, { vermagic: VERMAGIC, sources: [{ path: '/f.c', text }] });
        if (image.code?.init) new LoadedCode(image).init();
      }
    }
  });
});
