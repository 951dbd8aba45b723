/**
 * Long sources a hostile (or generated) module may hold, compiled and run within a
 * message's budget and without overflowing the host's stack: a chain of 20,000 additions is
 * an expression tree as deep (the checks, the -Wformat pass, modpost's symbol walk and the
 * interpreter all walked it by recursion), 8,000 warnings each showing their source line
 * (the source was split once per warning: 4 s).
 */
import { strict as assert } from 'node:assert';
import { compile } from '../../src/cc/module-image';
import { build, LoadedCode } from './run-code';

function cpuMs(f: () => void): number {
  const before = process.cpuUsage();
  f();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const source = (body: string, globals = ''): string => `#include <linux/module.h>\n${globals}\nstatic int __init t_init(void)\n{\n${body}\n}\nmodule_init(t_init);\nMODULE_LICENSE("GPL");\n`;

describe('cc: long sources', function () {
  this.timeout(30_000);

  it('a chain of 20,000 additions builds, and init computes it', () => {
    const m = new LoadedCode(build('t', source(`\tint x = ${Array(20000).fill('1').join(' + ')};\n\treturn x - 20000;`)));
    assert.deepEqual(m.init(), { kind: 'return', value: 0 });
  });

  it('a chain of 10,000 && and || keeps C\'s short circuit', () => {
    const m = new LoadedCode(build('t', source(`\tif (${Array(10000).fill('n').join(' && ')} || calls())\n\t\treturn 1;\n\treturn calls();`, 'static int n = 1;\nstatic int called;\nstatic int calls(void) { return ++called; }')));
    assert.deepEqual(m.init(), { kind: 'return', value: 1 });
  });

  it('printk with an argument of 20,000 terms passes the -Wformat check', () => {
    const r = compile({ path: '/root/t.c', text: source(`\tprintk(KERN_INFO "%d\\n", ${Array(20000).fill('1').join(' + ')});\n\treturn 0;`) }, 't');
    assert.equal(r.diagnostics, '');
    assert.ok(r.ok);
  });

  it('8,000 unused variables: 8,000 warnings with their lines, in well under a second', () => {
    let r: ReturnType<typeof compile> | undefined;
    const ms = cpuMs(() => (r = compile({ path: '/root/t.c', text: source(`${Array.from({ length: 8000 }, (_x, k) => `\tint v${k};`).join('\n')}\n\treturn 0;`) }, 't')));
    assert.ok(r?.ok);
    assert.equal(r?.diagnostics.match(/warning: unused variable/g)?.length, 8000);
    const last = (r?.diagnostics ?? '').split('\n').slice(-4).join('\n');
    // gcc reports a scope's unused names newest first (pop_scope): v0 comes last
    assert.equal(last, "/root/t.c:5:13: warning: unused variable ‘v0’ [-Wunused-variable]\n    5 |         int v0;\n      |             ^~\n");
    assert.ok(ms < 1500, `${ms.toFixed(0)} ms of CPU`);
  });
});
