import { strict as assert } from 'node:assert';
import { compile, linkModule } from '../../src/cc/module-image';
import { format } from '../../src/cc/interp';
import { teachingSources } from '../../src/modules/teaching-sources';
import { teachingByName } from '../../src/modules/teaching';
import { VERMAGIC } from '../../src/modules/catalog';
import { MAX_STEPS } from '../../src/cc/limits';
import type { ModuleImage } from '../../src/kernel/image';

function build(name: string, text: string, path = `/root/${name}.c`): ModuleImage {
  const r = compile({ path, text }, name);
  assert.equal(r.diagnostics, '');
  assert.ok(r.unit);
  return linkModule(name, [r.unit], text, { vermagic: VERMAGIC });
}

describe('cc: the teaching modules built from their sources behave as the shipped .ko files', () => {
  // mod_a/mod_c_prop/mod_d_prop print what mod_b returns: kbuild resolves that through Module.symvers.
  const standalone = teachingSources.filter(([path]) => path.endsWith('.c') && !/mod_a|mod_c_prop|mod_d_prop/.test(path));
  for (const [path, text] of standalone) {
    const name = path.slice(path.lastIndexOf('/') + 1, -2);
    it(`${name}: modinfo (but srcversion), parameters, exports, init and exit`, () => {
      const shipped = teachingByName.get(name) as ModuleImage;
      const built = build(name, text, path);
      const withoutSrcversion = (m: ModuleImage): Array<[string, string]> => m.modinfo.filter(([k]) => k !== 'srcversion');
      assert.deepEqual(withoutSrcversion(built), withoutSrcversion(shipped));
      assert.deepEqual(built.params, shipped.params);
      assert.deepEqual(built.exports, shipped.exports);
      assert.deepEqual(built.init, shipped.init);
      assert.deepEqual(built.exit, shipped.exit);
      assert.equal(built.license, shipped.license);
    });
  }
});

describe('cc: C semantics of the interpreter', () => {
  const initOf = (body: string, globals = ''): ModuleImage['init'] =>
    build('t', `#include <linux/module.h>\n${globals}\nstatic int __init t_init(void)\n{\n${body}\n}\nmodule_init(t_init);\nMODULE_LICENSE("GPL");\n`).init;

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
  ];
  for (const [what, body, printed] of rows) {
    it(what, () => {
      const init = initOf(body, 'static int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }');
      assert.deepEqual(init?.printk.map((p) => p.text), [printed]);
    });
  }

  it('returns -EPERM as -1 and a positive value as is', () => {
    assert.equal(initOf('return -EPERM;')?.returns, -1);
    assert.equal(initOf('return 1;')?.returns, 1);
  });

  it('keeps printk levels: KERN_ERR is 3, no level is the default 4, pr_cont joins the line', () => {
    const init = initOf('printk(KERN_ERR "e\\n"); printk("d\\n"); pr_info("a"); pr_cont("b\\n"); return 0;');
    assert.deepEqual(init?.printk, [{ level: 3, text: 'e' }, { level: 4, text: 'd' }, { level: 6, text: 'ab' }]);
  });

  it('applies a module\'s own pr_fmt with KBUILD_MODNAME', () => {
    const init = build('fmtmod', '#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt\n#include <linux/module.h>\nstatic int __init i(void) { pr_info("hi\\n"); return 0; }\nmodule_init(i);\nMODULE_LICENSE("GPL");\n').init;
    assert.deepEqual(init?.printk, [{ level: 6, text: 'fmtmod: hi' }]);
  });

  it(`stops an endless loop within its budget (${MAX_STEPS} steps) and keeps what it printed`, () => {
    const started = Date.now();
    const init = initOf('pr_info("before\\n"); while (1) ; return 0;');
    assert.deepEqual(init?.printk.map((p) => p.text), ['before']);
    assert.ok(Date.now() - started < 2000);
  });

  it('stops init at a read through a NULL pointer, keeping what it printed before (the Oops itself is not simulated yet)', () => {
    const init = initOf('pr_info("before\\n"); pr_info("%d\\n", ptr->value); return 0;', 'struct thing { int value; };\nstatic struct thing *ptr;');
    assert.deepEqual(init?.printk.map((p) => p.text), ['before']);
  });

  it('stops unbounded recursion at its call depth', () => {
    const init = initOf('return down(0);', 'static int down(int n) { return down(n + 1); }');
    assert.deepEqual(init?.printk, []);
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
      diag('#include <linux/module.h>\nstatic int __init m_init(void)\n{\n\tcounter = counter + 1;\n\treturn 0;\n}\n'),
      "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:4:9: error: ‘counter’ undeclared (first use in this function)\n    4 |         counter = counter + 1;\n      |         ^~~~~~~\n/root/m/m.c:4:9: note: each undeclared identifier is reported only once for each function it appears in\n",
    );
  });

  it('makes an implicit declaration an error, as kbuild\'s -Werror=implicit-function-declaration does', () => {
    assert.equal(
      diag('static int m_init(void)\n{\n\tint r = compute(6, 7);\n\treturn r;\n}\n'),
      "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:3:17: error: implicit declaration of function ‘compute’ [-Werror=implicit-function-declaration]\n    3 |         int r = compute(6, 7);\n      |                 ^~~~~~~\ncc1: some warnings being treated as errors\n",
    );
  });

  it('warns of an unused variable and still compiles', () => {
    const r = compile({ path: '/root/m/m.c', text: 'static int m_init(void)\n{\n\tint spare;\n\treturn 0;\n}\n' }, 'm');
    assert.equal(r.ok, true);
    assert.equal(r.diagnostics, "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:3:13: warning: unused variable ‘spare’ [-Wunused-variable]\n    3 |         int spare;\n      |             ^~~~~\n");
  });

  it('reports a non-void function without return at its closing brace', () => {
    assert.equal(
      diag('static int m_init(void)\n{\n\tpr_info("x\\n");\n}\n'),
      "/root/m/m.c: In function ‘m_init’:\n/root/m/m.c:4:1: error: no return statement in function returning non-void [-Werror=return-type]\n    4 | }\n      | ^\ncc1: some warnings being treated as errors\n",
    );
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
      if (r.ok && r.unit) linkModule('f', [r.unit], text, { vermagic: VERMAGIC });
    }
  });
});
