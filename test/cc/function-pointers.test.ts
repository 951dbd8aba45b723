/**
 * Function pointers: declared as globals, locals, parameters, arrays and struct members
 * (`int (*get)(int)`), set from a function's name or `&name`, called by name, through
 * `->`/`.`, `(*fn)(…)` and `table[i](…)`; a call through NULL is the page fault of an
 * instruction fetch, as arch/x86/mm/fault.c words it.
 */
import { strict as assert } from 'node:assert';
import { compile } from '../../src/cc/module-image';
import { build, LoadedCode } from './run-code';
import { freshMachineEachTest } from '../machine/fresh-machine';

function load(body: string): LoadedCode {
  return new LoadedCode(build('m', `#include <linux/module.h>\n${body}\nmodule_init(m_init);\nMODULE_LICENSE("GPL");\n`, '/root/m/m.c'));
}

const printed = (l: LoadedCode): string[] => l.rec.printk.map((p) => p.text.replace(/\n$/, ''));

describe('cc: function pointers', () => {
  it('calls through globals, locals, parameters, arrays and struct members', () => {
    const l = load(`struct ops { int (*get)(int); void (*put)(int); const char *name; };
static int get_one(int v) { return v + 1; }
static void put_one(int v) { pr_info("put %d\\n", v); }
static struct ops my_ops = { .get = get_one, .put = put_one, .name = "mine" };
static int (*table[2])(int) = { get_one, NULL };
static int (*global_fn)(int);
static int apply(int (*fn)(int), int v) { return fn(v); }
static int __init m_init(void)
{
\tstruct ops *o = &my_ops;
\tint (*local)(int) = &get_one;
\tglobal_fn = get_one;
\to->put(o->get(41));
\tmy_ops.put(local(1));
\tpr_info("%s %d %d %d\\n", my_ops.name, apply(get_one, 1), (*table[0])(5), global_fn(9));
\treturn 0;
}`);
    assert.deepEqual(l.init(), { kind: 'return', value: 0 });
    assert.deepEqual(printed(l), ['put 42', 'put 2', 'mine 2 6 10']);
  });

  it('needs no symbol from the kernel for a pointer called by its variable name', () => {
    const l = load(`static int twice(int v) { return 2 * v; }
static int __init m_init(void)
{
\tint (*f)(int) = twice;
\treturn f(-3) + 6;
}`);
    assert.deepEqual(l.image.imports ?? [], []);
    assert.deepEqual(l.init(), { kind: 'return', value: 0 });
  });

  it('reports neither an implicit declaration nor an unused variable for a called local pointer', () => {
    const r = compile({ path: '/root/m/m.c', text: 'static int one(void) { return 1; }\nint m_init(void)\n{\n\tint (*f)(void) = one;\n\treturn f();\n}\n' }, 'm');
    assert.equal(r.diagnostics, '');
  });

  it('faults on the instruction fetch when called through NULL', () => {
    const l = load(`static int (*missing)(int);
static int __init m_init(void)
{
\treturn missing(1);
}`);
    const outcome = l.init() as { kind: string; address?: number; fetch?: boolean };
    assert.equal(outcome.kind, 'oops');
    assert.equal(outcome.address, 0);
    assert.equal(outcome.fetch, true);
  });

  describe('on the machine', () => {
    const { run } = freshMachineEachTest();
    it('kills insmod with the Oops of an instruction fetch at address 0', () => {
      run(`mkdir /root/fp && cd /root/fp && printf '%s\\n' '#include <linux/module.h>' 'static int (*missing)(void);' 'static int __init fp_init(void) { return missing(); }' 'module_init(fp_init);' 'MODULE_LICENSE("GPL");' > fp.c && echo 'obj-m += fp.o' > Makefile`);
      assert.equal(run('cd /root/fp && make -C /lib/modules/$(uname -r)/build M=$PWD modules >/dev/null 2>&1; echo $?').output, '0\n');
      assert.deepEqual(run('insmod /root/fp/fp.ko'), { output: '', status: 137 });
      const log = run('dmesg').output;
      assert.match(log, /BUG: kernel NULL pointer dereference, address: 0000000000000000\n.*#PF: supervisor instruction fetch in kernel mode\n.*#PF: error_code\(0x0010\) - not-present page\n/);
      assert.match(log, /Oops: 0010 \[#1\] PREEMPT SMP NOPTI/);
    });
  });
});
