/**
 * What modpost and genksyms give a module built on this machine: Module.symvers CRCs, the
 * __crc_ exports and the __versions section, compared with the same sources built by the real
 * kbuild against linux-headers-6.1.0-56-amd64 and read by Debian's kmod 30
 * (`modprobe --dump-modversions` / `--show-exports` of the real .ko; genksyms -D for the table);
 * the load-time refusals as the oracle recorded them in 26-modversions.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bootMachine, execLine, openSystem, type MachineState } from '../../../src/machine/machine';
import { expandDeclaration, exportDeclaration, genksymsCrc, symbolCrcIn } from '../../../src/userland/make/genksyms';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'modules');

describe('modpost symbol versions of a module built here', () => {
  const options = { clock: (): number => Date.UTC(2026, 11, 4, 17, 0, 0) };
  let machine: MachineState;
  const run = (line: string): string => execLine(machine, line, options).output;
  const build = (fixture: string): void => {
    const sys = openSystem(machine, options);
    sys.fs.mkdir?.('/root/b');
    for (const name of readdirSync(join(FIXTURES, fixture))) {
      const path = join(FIXTURES, fixture, name);
      if (statSync(path).isFile()) sys.fs.write(`/root/b/${name}`, readFileSync(path, 'utf8'), false);
    }
    run('cd /root/b && make -C /lib/modules/$(uname -r)/build M=$PWD modules >/dev/null 2>&1');
  };
  beforeEach(() => {
    machine = bootMachine(options);
  });

  it('writes Module.symvers with genksyms CRCs, as 00b-kbuild-errors and the real mod_b', () => {
    build('student/exp_pair');
    assert.equal(run('cat /root/b/Module.symvers'),
      '0x86fe1f20\texp_calls\t/root/b/exp_provider\tEXPORT_SYMBOL\t\n0x3f7141fe\texp_double\t/root/b/exp_provider\tEXPORT_SYMBOL\t\n');
    assert.equal(run('modprobe --show-exports /root/b/exp_provider.ko'), '0x86fe1f20\texp_calls\n0x3f7141fe\texp_double\n');
    assert.equal(run('modprobe --dump-modversions /root/b/exp_user.ko'),
      '0xbdfb6dbb\t__fentry__\n0x86fe1f20\texp_calls\n0x3f7141fe\texp_double\n0x92997ed8\t_printk\n0x5b8239ca\t__x86_return_thunk\n0x9060323f\tmodule_layout\n');
  });

  it('gives the teaching modules built here the __versions of the oracle\'s builds', () => {
    build('.');
    for (const name of ['hello', 'hello_param', 'mod_a', 'mod_b', 'noexit', 'fail_ebusy']) {
      assert.equal(run(`modprobe --dump-modversions /root/b/${name}.ko`), run(`modprobe --dump-modversions /root/${name}.ko`), name);
    }
    assert.equal(run('modprobe --show-exports /root/b/mod_b.ko'), '0x6b851ba5\tmod_b_add\n0xf2af5257\tmod_b_gpl_secret\n');
  });

  it('refuses an import whose CRC disagrees with the loaded exporter, unless modversions are forced away', () => {
    const sys = openSystem(machine, options);
    sys.fs.mkdir?.('/root/nb');
    const source = readFileSync(join(FIXTURES, 'mod_b.c'), 'utf8').replace('int mod_b_add(int a, int b)', 'long mod_b_add(long a, long b)');
    sys.fs.write('/root/nb/mod_b.c', source, false);
    sys.fs.write('/root/nb/Makefile', 'obj-m := mod_b.o\n', false);
    run('cd /root/nb && make -C /lib/modules/$(uname -r)/build M=$PWD >/dev/null 2>&1');
    // genksyms -D: <long mod_b_add ( long , long ) >
    assert.equal(run('modprobe --show-exports /root/nb/mod_b.ko | head -1'), `0x${genksymsCrc(['long', 'mod_b_add', '(', 'long', ',', 'long', ')']).toString(16).padStart(8, '0')}\tmod_b_add\n`);
    run('insmod /root/nb/mod_b.ko');
    assert.equal(run('insmod /root/mod_a.ko; echo $?'), 'insmod: ERROR: could not insert module /root/mod_a.ko: Invalid parameters\n1\n');
    assert.equal(run('dmesg -t | tail -2'), 'mod_a: disagrees about version of symbol mod_b_add\nmod_a: Unknown symbol mod_b_add (err -22)\n');
    assert.equal(run('insmod -f /root/mod_a.ko; echo $?'), '0\n');
    assert.match(run('dmesg | tail -3'), /mod_a: module_layout: kernel tainted\.\n.*\n.*mod_a: mod_b_add\(2, 3\) = 5\n$/);
  });

  it('fails closed on an import with no symbol version (Debian), as a KBUILD_MODPOST_WARN build has', () => {
    const sys = openSystem(machine, options);
    sys.fs.mkdir?.('/root/user');
    sys.fs.write('/root/user/mod_a.c', readFileSync(join(FIXTURES, 'mod_a.c'), 'utf8'), false);
    sys.fs.write('/root/user/Makefile', 'obj-m := mod_a.o\n', false);
    run('cd /root/user && make -C /lib/modules/$(uname -r)/build M=$PWD KBUILD_MODPOST_WARN=1 >/dev/null 2>&1');
    assert.doesNotMatch(run('modprobe --dump-modversions /root/user/mod_a.ko'), /mod_b_add/);
    run('insmod /root/mod_b.ko');
    assert.equal(run('insmod /root/user/mod_a.ko; echo $?'), 'insmod: ERROR: could not insert module /root/user/mod_a.ko: Invalid parameters\n1\n');
    assert.equal(run('dmesg -t | tail -2'), 'mod_a: no symbol version for mod_b_add\nmod_a: Unknown symbol mod_b_add (err -22)\n');
  });

  it('orders a module_param_cb setter, the stack protector and the params as gcc does (params_cb)', () => {
    build('student/params_cb');
    assert.equal(run('modprobe --dump-modversions /root/b/params_cb.ko | cut -f2 | tr "\\n" " "'),
      '__fentry__ _printk __x86_return_thunk kstrtoint param_set_int __stack_chk_fail param_array_ops param_ops_charp param_ops_ulong param_ops_short param_ops_invbool param_ops_bool param_get_int module_layout ');
    build('student/slow_exit');
    assert.equal(run('modprobe --dump-modversions /root/b/slow_exit.ko | cut -f2 | tr "\\n" " "'), '__fentry__ _printk __x86_return_thunk msleep module_layout ');
  });
});

describe('genksyms CRCs', () => {
  const source = [
    '#include <linux/module.h>',
    'u32 f_u32(u32 a) { return a; }',
    'size_t f_size(const char *s) { return 0; }',
    'bool f_bool(void) { return 0; }',
    'long f_long(unsigned long x, char *p) { return 0; }',
    'struct foo { int a; char *b; };',
    'int f_struct(struct foo *p) { return 0; }',
    'u64 v_u64;',
    'static inline const char *f_str(void) { return 0; }',
    'int arr[4];',
    'unsigned long long f_ull(long long a, short b, unsigned char c, signed char d) { return 0; }',
    'int __attribute__((unused)) f_attr(int x) { return x; }',
  ].join('\n');
  // genksyms -D of the same declarations with linux-headers-6.1.0-56-amd64
  const rows: Array<[string, number, string]> = [
    ['f_u32', 0xca7cb935, 'typedef typedef unsigned int __u32 u32 f_u32 ( u32 )'],
    ['f_size', 0x3a190297, 'typedef typedef typedef unsigned long __kernel_ulong_t __kernel_size_t size_t f_size ( const char * )'],
    ['f_bool', 0x1a18ecf2, 'typedef _Bool bool f_bool ( void )'],
    ['f_long', 0x7b4fb37b, 'long f_long ( unsigned long , char * )'],
    ['f_struct', 0x94761c54, 'int f_struct ( struct foo { UNKNOWN } * )'],
    ['v_u64', 0x0168bdba, 'typedef __extension__ typedef unsigned long long __u64 u64 v_u64'],
    ['f_str', 0x781176c7, 'const char * f_str ( void )'],
    ['arr', 0xb3ba3c87, 'int arr [ 4 ]'],
    ['f_ull', 0x084aab07, 'unsigned long long f_ull ( long long , short , unsigned char , signed char )'],
  ];
  for (const [symbol, crc, expansion] of rows) {
    it(`computes ${symbol} as genksyms does`, () => {
      assert.equal(expandDeclaration(exportDeclaration(source, symbol) ?? []).join(' '), expansion);
      assert.equal(symbolCrcIn(source, symbol), crc);
    });
  }

  it('drops attributes and finds nothing for a name that is only used, or not C at all', () => {
    assert.equal(expandDeclaration(exportDeclaration(source, 'f_attr') ?? []).join(' '), 'int f_attr ( int )');
    assert.equal(exportDeclaration('int x = y;', 'y'), undefined);
    assert.equal(exportDeclaration('EXPORT_SYMBOL(nothing);', 'nothing'), undefined);
    assert.equal(exportDeclaration('"unterminated', 'x'), undefined);
    assert.equal(exportDeclaration(')))(((;;int q', 'q')?.join(' '), 'int q');
    assert.equal(genksymsCrc(['int', 'mod_b_add', '(', 'int', ',', 'int', ')']), 0x6b851ba5);
  });
});
