/**
 * The oracle's test modules (../shared/oracle/modules) and the seed tutorial's lkm.ko /
 * lkm2.ko, as ModuleImages that behave as their C source does and as the transcripts show:
 * modinfo fields in `modinfo` order (02-modinfo, 01b-seed-lkm), printk lines of init/exit
 * (pr_info and printk(KERN_INFO …) are level 6: `dmesg -x` in 09-dmesg shows `kern  :info  :`),
 * init return values, params, exports and imports. They live in /root and in
 * /lib/modules/RELEASE/extra/.
 *
 * Sizes: lsmod shows 16384 (noexit 12288, no .exit section) in 01b/03/06/10. The .ko file
 * sizes are not in the transcripts: the values below are estimates for an unsigned module
 * built with Debian's headers (BTF and debug info included), shown only by ls -l.
 */
import type { ModuleImage, Printk } from '../kernel/image';
import { VERMAGIC } from './catalog';
import { teachingVersions } from './modversions';

const info = (text: string): Printk => ({ level: 6, text });

/** The fields every one of them has after the module's own MODULE_* ones. */
function tail(name: string, depends = ''): Array<[string, string]> {
  return [['depends', depends], ['retpoline', 'Y'], ['name', name], ['vermagic', VERMAGIC]];
}

function image(partial: Partial<ModuleImage> & Pick<ModuleImage, 'name' | 'modinfo' | 'init' | 'exit' | 'fileSize'>): ModuleImage {
  return {
    id: `oracle:${partial.name}`,
    vermagic: VERMAGIC,
    intree: false,
    signed: false,
    coresize: 16384,
    initsize: 0,
    exports: [],
    imports: [],
    params: [],
    ...partial,
  };
}

function gplModule(name: string, description: string, init: Printk[], returns: number, exit: Printk[] | null, fileSize: number, extra: Partial<ModuleImage> = {}): ModuleImage {
  return image({
    name,
    license: 'GPL',
    modinfo: [['description', description], ['license', 'GPL'], ...tail(name, extra.imports?.length ? 'mod_b' : '')],
    init: { printk: init, returns },
    exit: exit === null ? null : { printk: exit },
    fileSize,
    ...extra,
  });
}

const failing = (name: string, errno: string, value: number) =>
  gplModule(name, `init returns -${errno}`, [info(`${name}: init called, returning -${errno}`)], value, [info(`${name}: exit (never expected)`)], 108760);

/**
 * The real .ko of each module as the oracle built it with linux-headers-6.1.0-56-amd64
 * (prepare.sh, ls -l and file(1) of its build, 20-lab-tools/22-lab-time-procs): size in
 * bytes and the GNU build-id note that `file` shows.
 */
const BUILT: Readonly<Record<string, [number, string]>> = {
  hello: [110584, '16afc929d3465d1850f946ba9a46111543917c38'],
  hello_param: [194592, '1fde5db4aaba8b45782afee287824dbef3360e0b'],
  fail_eperm: [110136, 'd7810d0b8e60bfc2c546c0227a751757f5a91eae'],
  fail_enodev: [110216, '7c92964c53bb53526df44e59f5fe31a3b21ac7c7'],
  fail_ebusy: [110136, 'e877b0052fe5ffed52d8ad3a1da630ef0b8bbb1c'],
  mod_b: [112688, 'aa43ef89a8df6662a5dd4acf531de39f03cdf85f'],
  mod_a: [110424, 'aad2ad244a3df25f464a1f322b823e6c2cc46148'],
  noexit: [108800, '934f86e7381bacece7e694e7643a7342a1ffa72e'],
  hello_old: [99600, 'e8e80734c98f1628d6a2f781505988010a95509b'],
  mod_d_prop: [110576, '6875d1c5e056d9464db1c6b1232d633fdb6b3f9d'],
  mod_c_prop: [110528, '8b318d6d416405676e2f3cdb7b2c9f54a2c63c7b'],
  lkm: [99536, 'b073e53b3e2d068bdb4a897db7991a7e3d82fa3a'],
  lkm2: [109464, '9a3cda4fb4debf70c6708358a58f8d64ea3710ce'],
};

function asBuilt(img: ModuleImage): ModuleImage {
  const built = BUILT[img.name];
  const versions = teachingVersions(img.name);
  return { ...img, ...(built ? { fileSize: built[0], buildId: built[1] } : {}), ...versions };
}

export const teachingImages: readonly ModuleImage[] = ([
  image({
    name: 'hello',
    license: 'GPL',
    version: '1.0',
    srcversion: 'FF0EDAE6DBB6A7FB7F29B73',
    modinfo: [
      ['version', '1.0'],
      ['description', 'A simple hello world module'],
      ['author', 'Oracle Test <oracle@example.com>'],
      ['license', 'GPL'],
      ['srcversion', 'FF0EDAE6DBB6A7FB7F29B73'],
      ...tail('hello'),
    ],
    init: { printk: [info('hello: Hello, world!')], returns: 0 },
    exit: { printk: [info('hello: Goodbye, world!')] },
    fileSize: 109800,
    // ls -a /sys/module/hello/sections/ in 10-sysfs-procfs
    sections: ['.exit.data', '.exit.text', '.gnu.linkonce.this_module', '.init.data', '.init.text', '.note.Linux', '.note.gnu.build-id',
      '.orc_unwind', '.orc_unwind_ip', '.return_sites', '.rodata.str1.1', '.strtab', '.symtab', '__mcount_loc'],
  }),
  image({
    name: 'hello_param',
    license: 'GPL',
    modinfo: [
      ['description', 'Module parameter demo'],
      ['license', 'GPL'],
      ...tail('hello_param'),
      ['parm', 'myint:An integer (writable via sysfs) (int)'],
      ['parm', 'mystring:A character string (charp)'],
      ['parm', 'myintarray:An array of up to 4 integers (array of int)'],
      ['parm', 'hidden:A bool with perm 0 (not in sysfs) (bool)'],
    ],
    params: [
      { name: 'myint', type: 'int', perm: 0o644, default: '42', description: 'An integer (writable via sysfs)' },
      { name: 'mystring', type: 'charp', perm: 0o444, default: 'blah', description: 'A character string' },
      { name: 'myintarray', type: 'int', arrayMax: 4, perm: 0o444, default: '1,2,3,4', description: 'An array of up to 4 integers' },
      { name: 'hidden', type: 'bool', perm: 0, default: 'N', description: 'A bool with perm 0 (not in sysfs)' },
    ],
    init: {
      printk: [
        info('hello_param: myint={myint}'),
        info('hello_param: mystring={mystring}'),
        info('hello_param: got {#myintarray} arguments for myintarray'),
        info('hello_param: myintarray[0]={myintarray[0]}'),
        info('hello_param: myintarray[1]={myintarray[1]}'),
        info('hello_param: myintarray[2]={myintarray[2]}'),
        info('hello_param: myintarray[3]={myintarray[3]}'),
        // pr_info("%d", hidden): a bool prints as 0/1 (sysfs would say N/Y)
        info('hello_param: hidden={hidden}'),
      ],
      returns: 0,
    },
    exit: { printk: [info('hello_param: exit, myint={myint}')] },
    fileSize: 115288,
  }),
  failing('fail_eperm', 'EPERM', -1),
  failing('fail_enodev', 'ENODEV', -19),
  failing('fail_ebusy', 'EBUSY', -16),
  gplModule('mod_b', 'Exports symbols for mod_a / mod_c_prop', [info('mod_b: loaded, exporting mod_b_add and mod_b_gpl_secret')], 0,
    [info('mod_b: unloaded')], 111544, { exports: [{ symbol: 'mod_b_add', gpl: false }, { symbol: 'mod_b_gpl_secret', gpl: true }] }),
  gplModule('mod_a', 'Depends on mod_b', [info('mod_a: mod_b_add(2, 3) = 5')], 0, [info('mod_a: unloaded')], 109912, { imports: ['mod_b_add'] }),
  image({
    name: 'mod_c_prop',
    license: 'Proprietary',
    // built without mod_b's Module.symvers: modpost did not know where the symbol comes from, so no depends
    modinfo: [['description', 'Proprietary module using a GPL-only symbol'], ['license', 'Proprietary'], ...tail('mod_c_prop')],
    imports: ['mod_b_gpl_secret'],
    init: { printk: [info('mod_c_prop: mod_b_gpl_secret() = 1234')], returns: 0 },
    exit: { printk: [info('mod_c_prop: unloaded')] },
    fileSize: 110248,
  }),
  image({
    name: 'mod_d_prop',
    license: 'Proprietary',
    modinfo: [['description', 'Proprietary module using a plain EXPORT_SYMBOL'], ['license', 'Proprietary'], ...tail('mod_d_prop', 'mod_b')],
    imports: ['mod_b_add'],
    init: { printk: [info('mod_d_prop: mod_b_add(40, 2) = 42')], returns: 0 },
    exit: { printk: [info('mod_d_prop: unloaded')] },
    fileSize: 110264,
  }),
  gplModule('noexit', 'Module without an exit function', [info('noexit: loaded (no exit function)')], 0, null, 106176, { coresize: 12288 }),
  image({
    name: 'hello_old',
    modinfo: tail('hello_old'),
    init: { printk: [info('Hello world 1.')], returns: 1 },
    exit: { printk: [info('Goodbye world 1.')] },
    fileSize: 105376,
  }),
  image({
    name: 'lkm',
    modinfo: tail('lkm'),
    init: { printk: [info('Hello world!!!!!.')], returns: 1 },
    exit: { printk: [info('Goodbye world!!!!!!.')] },
    fileSize: 105392,
  }),
  image({
    name: 'lkm2',
    modinfo: tail('lkm2'),
    init: { printk: [info('Hello, world 2')], returns: 0 },
    exit: { printk: [info('Goodbye, world 2')] },
    fileSize: 105576,
  }),
] as ModuleImage[]).map(asBuilt);

/** Teaching images by module name. */
export const teachingByName: ReadonlyMap<string, ModuleImage> = new Map(teachingImages.map((i) => [i.name, i]));
