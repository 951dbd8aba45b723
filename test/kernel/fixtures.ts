/**
 * Hand-written module images and a kernel configuration for the kernel and kmod tool tests
 * (independent of src/modules): the oracle's test modules as their C sources behave.
 */
import type { ModuleImage, Printk } from '../../src/kernel/image';
import type { KernelConfig } from '../../src/kernel/kernel';
import type { Kernel } from '../../src/kernel/kernel';
import { bootKernel, createKernel } from '../../src/kernel';

export const RELEASE = '6.1.0-56-amd64';
export const VERMAGIC = `${RELEASE} SMP preempt mod_unload modversions `;
const info = (text: string): Printk => ({ level: 6, text });

function image(p: Partial<ModuleImage> & Pick<ModuleImage, 'name'>): ModuleImage {
  return {
    id: `test:${p.name}`,
    modinfo: [],
    license: 'GPL',
    vermagic: VERMAGIC,
    intree: false,
    signed: false,
    coresize: 16384,
    initsize: 4096,
    fileSize: 100000,
    exports: [],
    imports: [],
    params: [],
    init: { printk: [info(`${p.name}: init`)], returns: 0 },
    exit: { printk: [info(`${p.name}: exit`)] },
    ...p,
  };
}

export const images: ModuleImage[] = [
  image({ name: 'hello', version: '1.0', srcversion: 'FF0EDAE6DBB6A7FB7F29B73', init: { printk: [info('hello: Hello, world!')], returns: 0 }, exit: { printk: [info('hello: Goodbye, world!')] },
    sections: ['.exit.data', '.exit.text', '.gnu.linkonce.this_module', '.init.text', '.note.Linux', '.note.gnu.build-id', '.strtab', '.symtab'] }),
  image({
    name: 'hello_param',
    params: [
      { name: 'myint', type: 'int', perm: 0o644, default: '42' },
      { name: 'mystring', type: 'charp', perm: 0o444, default: 'blah' },
      { name: 'myintarray', type: 'int', arrayMax: 4, perm: 0o444, default: '1,2,3,4' },
      { name: 'hidden', type: 'bool', perm: 0, default: 'N' },
    ],
    init: {
      printk: [info('hello_param: myint={myint}'), info('hello_param: mystring={mystring}'), info('hello_param: got {#myintarray} arguments for myintarray'),
        info('hello_param: myintarray[0]={myintarray[0]}'), info('hello_param: myintarray[3]={myintarray[3]}'), info('hello_param: hidden={hidden}')],
      returns: 0,
    },
    exit: { printk: [info('hello_param: exit, myint={myint}')] },
  }),
  image({ name: 'mod_b', exports: [{ symbol: 'mod_b_add', gpl: false }, { symbol: 'mod_b_gpl_secret', gpl: true }], init: { printk: [info('mod_b: loaded, exporting mod_b_add and mod_b_gpl_secret')], returns: 0 }, exit: { printk: [info('mod_b: unloaded')] } }),
  image({ name: 'mod_a', imports: ['printk', 'mod_b_add'], init: { printk: [info('mod_a: mod_b_add(2, 3) = 5')], returns: 0 } }),
  image({ name: 'mod_c_prop', license: 'Proprietary', imports: ['mod_b_gpl_secret'] }),
  image({ name: 'mod_d_prop', license: 'Proprietary', imports: ['mod_b_add'], init: { printk: [info('mod_d_prop: mod_b_add(40, 2) = 42')], returns: 0 } }),
  image({ name: 'exp_user', imports: ['exp_double', 'exp_calls'] }),
  image({ name: 'noexit', coresize: 12288, exit: null, init: { printk: [info('noexit: loaded (no exit function)')], returns: 0 } }),
  image({ name: 'noinit', init: null, exit: null }),
  image({ name: 'hello_old', license: undefined, init: { printk: [info('Hello world 1.')], returns: 1 }, exit: { printk: [info('Goodbye world 1.')] } }),
  image({ name: 'fail_enodev', init: { printk: [info('fail_enodev: init called, returning -ENODEV')], returns: -19 } }),
  image({ name: 'dummy', intree: true, signed: true }),
  image({ name: 'dup_a', exports: [{ symbol: 'dup_shared_fn', gpl: false }] }),
  image({ name: 'dup_b', exports: [{ symbol: 'dup_shared_fn', gpl: false }] }),
  image({ name: 'old_magic', vermagic: '5.10.0-20-amd64 SMP mod_unload modversions ' }),
  image({ name: 'nomodversions', vermagic: '6.1.0-99-amd64 SMP preempt mod_unload ' }),
];

export const byName = new Map(images.map((i) => [i.name, i]));

export function img(name: string): ModuleImage {
  const i = byName.get(name);
  if (!i) throw new Error(`no test image ${name}`);
  return i;
}

const moduleSymbols = new Set(images.flatMap((i) => i.exports.map((e) => e.symbol)).concat(['exp_double', 'exp_calls']));

export const config: KernelConfig = {
  release: RELEASE,
  version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)',
  hostname: 'test',
  bootLog: [
    { usec: 0, level: 5, facility: 0, text: 'Linux version 6.1.0-56-amd64 (…)' },
    { usec: 0, level: 6, facility: 0, text: 'Command line: console=ttyS0 panic=-1' },
    { usec: 138924, level: 6, facility: 0, text: 'Kernel command line: console=ttyS0 panic=-1' },
    { usec: 4935601, level: 6, facility: 0, text: '    TERM=linux' },
  ],
  builtins: [
    { name: 'printk', params: [{ name: 'time', type: 'bool', perm: 0o644, default: 'Y' }] },
    { name: 'hidden_only', params: [{ name: 'x', type: 'int', perm: 0, default: '0' }] },
    { name: 'versioned', params: [], version: '2.0' },
  ],
  vmlinuxExports: [{ symbol: 'printk', gpl: false }, { symbol: 'kernel_gpl_fn', gpl: true }],
  images: (id) => images.find((i) => i.id === id),
  moduleSymbol: (s) => moduleSymbols.has(s),
};

/** A clock the test moves by hand. */
export class TestClock {
  now = Date.UTC(2026, 10, 25, 20, 18, 0);
  readonly fn = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export function boot(extraCmdline = ''): { kernel: Kernel; clock: TestClock } {
  const clock = new TestClock();
  const state = bootKernel(config, clock.fn, extraCmdline);
  return { kernel: createKernel(state, config, clock.fn), clock };
}

/** The texts of the records printed after `since` records. */
export function logSince(kernel: Kernel, since: number): string[] {
  return kernel.state.printk.records.filter((r) => r.seq >= since).map((r) => r.text);
}

/** Load an image by name with params; returns [errno, new log lines]. */
export function insmod(kernel: Kernel, name: string, params = '', flags = 0): [number, string[]] {
  const seq = kernel.state.printk.nextSeq;
  const err = kernel.finitModule({ kind: 'image', image: img(name) }, params, flags);
  return [err, logSince(kernel, seq)];
}

export function rmmod(kernel: Kernel, name: string, flags = 0): [number, string[]] {
  const seq = kernel.state.printk.nextSeq;
  const err = kernel.deleteModule(name, flags);
  return [err, logSince(kernel, seq)];
}
