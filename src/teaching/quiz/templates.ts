/**
 * The quiz templates. Each names the situations it compares; the scratch machine decides
 * every answer. Module names are the oracle's test modules (/root/*.ko, extra/) and real
 * in-tree modules of the Debian 6.1 catalog.
 */
import { imageById } from '../../modules';
import type { ProbeResult, Situation } from './scratch';
import { added, listOrNone, oneOf, printed, removed, sameProbe, type Template } from './template';
import { buildTemplates } from './build-templates';

/** What the module file's init function returns (from its image, not from the template). */
function initReturns(result: ProbeResult, file: string): number | undefined {
  const stat = result.sys.fs.stat(result.sys.resolve(file));
  if (typeof stat === 'number' || !stat.image) return undefined;
  return imageById(stat.image)?.init?.returns;
}

const rmmodPrints: Template = {
  id: 'rmmod-prints',
  topic: 'rmmod',
  about: 'What does `rmmod X` print in this situation?',
  draw(rng) {
    // Modules with at least three different rmmod outcomes (not loaded, free, in use by
    // different holders, no exit function). Modules that only give two (hello: loaded or
    // not; unix: always builtin) would make a two-answer question.
    const cases: Array<[string, string[][]]> = [
      ['mod_b', [[], ['insmod mod_b.ko'], ['insmod mod_b.ko', 'insmod mod_a.ko'], ['insmod mod_b.ko', 'insmod mod_d_prop.ko'], ['modprobe mod_a', 'rmmod mod_a']]],
      ['fat', [[], ['modprobe vfat'], ['modprobe vfat', 'rmmod vfat'], ['modprobe msdos'], ['modprobe vfat', 'modprobe msdos']]],
      ['noexit', [[], ['insmod noexit.ko'], ['insmod noexit.ko', 'rmmod -f noexit']]],
    ];
    const [name, setups] = rng.pick(cases);
    const asked = rng.pick(sameProbe(`rmmod ${name}`, setups));
    // Distractors: rmmod in the other situations, and what modprobe -r says in the same
    // ones (the two tools word "in use" and "not loaded" differently).
    // rmmod's own answers come first; modprobe -r's only fill the remaining places.
    const others = [
      ...rng.shuffle(sameProbe(`rmmod ${name}`, setups).filter((s) => s.setup.join(';') !== asked.setup.join(';'))),
      ...rng.shuffle(sameProbe(`modprobe -r ${name}`, setups)),
    ];
    return {
      asked,
      others,
      ask: (r) => `What does \`${r.situation.probe}\` print?`,
      observe: printed,
      fact: (r) => r.exitCode === 0
        ? `${name} was loaded and nothing held it, so rmmod removed it silently (exit 0).`
        : `rmmod refused (exit ${r.exitCode}): it reports why the kernel (or kmod) would not remove ${name}.`,
    };
  },
};

const modprobeRemoves: Template = {
  id: 'modprobe-r-removes',
  topic: 'modprobe-r',
  about: 'Which modules does `modprobe -r X` remove?',
  draw(rng) {
    const cases: Array<[string, string[][]]> = [
      ['vfat', [['modprobe vfat'], ['modprobe vfat', 'modprobe msdos'], ['insmod /lib/modules/$(uname -r)/kernel/fs/fat/fat.ko', 'modprobe vfat'], []]],
      ['mod_a', [['modprobe mod_a'], ['modprobe mod_a', 'insmod mod_d_prop.ko'], ['insmod mod_b.ko', 'insmod mod_a.ko'], []]],
      ['msdos', [['modprobe msdos'], ['modprobe msdos', 'modprobe vfat'], []]],
      ['fat', [['modprobe vfat'], ['modprobe fat'], ['modprobe vfat', 'modprobe msdos'], []]],
      ['mod_b', [['modprobe mod_a'], ['insmod mod_b.ko'], ['modprobe mod_d_prop'], []]],
    ];
    const [name, setups] = rng.pick(cases);
    const situations: Situation[] = [...sameProbe(`modprobe -r ${name}`, setups), ...sameProbe(`rmmod ${name}`, setups)];
    const asked = rng.pick(situations.filter((s) => s.probe.startsWith('modprobe') && s.setup.length > 0));
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: (r) => `Which modules does \`${r.situation.probe}\` remove?`,
      observe: (r) => `${listOrNone(removed(r))}${r.exitCode === 0 ? '' : ` (exit ${r.exitCode})`}`,
      fact: (r) => r.exitCode !== 0
        ? `modprobe -r refused (${printed(r)}), so it removed nothing: a module that others use stays, and so do its dependencies.`
        : `modprobe -r removes ${name} and then every dependency that nothing else uses any more: here ${listOrNone(removed(r))}; \`lsmod\` before and after shows it.`,
    };
  },
};

const taintActions: string[][] = [
  [], ['modprobe dummy'], ['insmod hello.ko'], ['insmod hello_old.ko'], ['insmod lkm.ko'], ['insmod mod_b.ko', 'insmod mod_c_prop.ko'],
  ['insmod noexit.ko', 'rmmod -f noexit'], ['modprobe vfat', 'rmmod vfat'], ['insmod hello.ko', 'rmmod hello'], ['insmod mod_b.ko', 'insmod mod_d_prop.ko'],
  ['insmod fail_eperm.ko'],
];

const taintedValue: Template = {
  id: 'tainted-value',
  topic: 'taint',
  about: 'What is /proc/sys/kernel/tainted after these commands?',
  draw(rng) {
    const situations = sameProbe('cat /proc/sys/kernel/tainted', taintActions);
    const asked = rng.pick(situations.filter((s) => s.setup.length > 0));
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: () => 'What is /proc/sys/kernel/tainted now?',
      observe: printed,
      fact: (r) => `The taint mask is the sum of the taint bits set so far (P=1, R=8, W=512, O=4096, E=8192 …); it is ${printed(r)} here and never goes down, not even when the module is removed.`,
    };
  },
};

const moduleTaint: Template = {
  id: 'module-taint-letters',
  topic: 'taint',
  about: 'What does /sys/module/X/taint show?',
  draw(rng) {
    const loads: Array<[string, string[]]> = [
      ['hello', ['insmod hello.ko']], ['dummy', ['modprobe dummy']], ['hello_old', ['insmod hello_old.ko']], ['mod_d_prop', ['insmod mod_b.ko', 'insmod mod_d_prop.ko']],
      ['mod_b', ['insmod mod_b.ko']], ['lkm2', ['insmod lkm2.ko']], ['vfat', ['modprobe vfat']], ['lkm', ['modprobe lkm']],
    ];
    const [name, setup] = rng.pick(loads);
    const asked: Situation = { setup, probe: `cat /sys/module/${name}/taint` };
    // Distractors: what the same file shows for the other modules.
    const others = rng.shuffle(loads.filter(([n]) => n !== name)).map(([n, s]) => ({ setup: s, probe: `cat /sys/module/${n}/taint` }));
    return {
      asked,
      others,
      ask: () => `What does \`cat /sys/module/${name}/taint\` print?`,
      observe: printed,
      fact: () => `A module's own taint letters: P for a non-GPL license (or none), O for out-of-tree, E for unsigned. An in-tree, signed GPL module shows an empty line.`,
    };
  },
};

/**
 * What insmod did, without naming the module (the choices come from different modules):
 * its exit status, the errno text it printed, whether the module is now live, and whether
 * the kernel logged do_init_module()'s "suspiciously returned" warning.
 */
export function initOutcome(r: ProbeResult): string {
  const name = (r.situation.probe.split(' ')[1] ?? '').replace(/\.ko$/, '');
  const parts = [`insmod exits ${r.exitCode}`];
  const error = /: ([^:\n]+)\n?$/.exec(r.output);
  if (r.output !== '' && error) parts.push(`prints "${error[1]}"`);
  parts.push(r.after.includes(name) ? 'the module is loaded' : 'the module is not loaded');
  const warning = r.klog.map((line) => /suspiciously returned -?\d+, it should follow 0\/-E convention/.exec(line)?.[0]).find((w) => w !== undefined);
  if (warning) parts.push(`dmesg warns "${warning}"${r.klog.includes('Call Trace:') ? ' with a stack trace' : ''}`);
  return parts.join('; ');
}

const initModules = ['hello', 'hello_old', 'lkm', 'lkm2', 'fail_eperm', 'fail_enodev', 'fail_ebusy'];

const initReturn: Template = {
  id: 'init-return',
  topic: 'init',
  about: 'What happens when a module\'s init returns this value?',
  draw(rng) {
    const situations = initModules.map((m) => ({ setup: [], probe: `insmod ${m}.ko` }));
    return {
      ...oneOf(rng, situations),
      ask: (r) => {
        const file = r.situation.probe.split(' ')[1] ?? '';
        return `${file}'s init function returns ${initReturns(r, file)}. What happens with \`${r.situation.probe}\`?`;
      },
      observe: initOutcome,
      fact: (r) => {
        const file = r.situation.probe.split(' ')[1] ?? '';
        const returns = initReturns(r, file) ?? 0;
        if (returns > 0) return `On 6.1 a positive return is not an error: do_init_module() warns "suspiciously returned ${returns}", dumps the stack and loads the module anyway.`;
        if (returns < 0) return `A negative return is an errno: the kernel unloads the module and insmod reports the error (${r.klog[r.klog.length - 1] ?? ''}).`;
        return 'init returned 0: the module is live.';
      },
    };
  },
};

const toolWording: Template = {
  id: 'tool-wording',
  topic: 'errors',
  about: 'insmod vs modprobe: which error message?',
  draw(rng) {
    const name = rng.pick(['fail_eperm', 'fail_enodev', 'fail_ebusy', 'nosuchmodule', 'hello']);
    const setup = name === 'hello' ? ['insmod hello.ko'] : [];
    const probes = [`insmod ${name}.ko`, `modprobe ${name}`, `insmod ${name}`, `modprobe ${name}.ko`, `modprobe -v ${name}`];
    const situations = probes.map((probe) => ({ setup, probe }));
    return {
      ...oneOf(rng, situations),
      ask: (r) => `What does \`${r.situation.probe}\` print?`,
      observe: printed,
      fact: () => 'insmod takes a file and names it in its errors; modprobe takes a module name (no path, no .ko), looks it up in modules.dep, and words the same errno its own way.',
    };
  },
};

const refcnt: Template = {
  id: 'refcnt',
  topic: 'holders',
  about: 'What is a module\'s refcnt?',
  draw(rng) {
    const [name, setups] = rng.pick<[string, string[][]]>([
      ['mod_b', [['insmod mod_b.ko'], ['modprobe mod_a'], ['modprobe mod_a', 'insmod mod_d_prop.ko'], ['modprobe mod_a', 'rmmod mod_a'], []]],
      ['fat', [['modprobe fat'], ['modprobe vfat'], ['modprobe vfat', 'modprobe msdos'], ['modprobe vfat', 'modprobe msdos', 'rmmod vfat'], []]],
      ['noexit', [['insmod noexit.ko'], []]],
    ]);
    const situations = sameProbe(`cat /sys/module/${name}/refcnt`, setups);
    if (name === 'noexit') situations.push(...sameProbe('cat /sys/module/mod_b/refcnt', [['modprobe mod_a'], ['modprobe mod_a', 'insmod mod_d_prop.ko']]));
    const pickable = situations.filter((s) => s.setup.length > 0 && s.probe.includes(name));
    const asked = rng.pick(pickable);
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: () => `What does \`cat /sys/module/${name}/refcnt\` print?`,
      observe: printed,
      fact: () => `refcnt counts the modules that use ${name}'s symbols (its holders) plus other references; rmmod needs it to be 0.`,
    };
  },
};

const holdersList: Template = {
  id: 'holders-list',
  topic: 'holders',
  about: 'Who holds a module? (lsmod\'s Used by column)',
  draw(rng) {
    const [name, setups] = rng.pick<[string, string[][]]>([
      ['mod_b', [['insmod mod_b.ko'], ['modprobe mod_a'], ['modprobe mod_a', 'insmod mod_d_prop.ko'], ['modprobe mod_d_prop', 'modprobe mod_a', 'rmmod mod_d_prop']]],
      ['fat', [['modprobe fat'], ['modprobe vfat'], ['modprobe vfat', 'modprobe msdos'], ['modprobe msdos']]],
    ]);
    const probe = rng.pick([`ls /sys/module/${name}/holders/`, `lsmod | grep '^${name} '`]);
    return {
      ...oneOf(rng, sameProbe(probe, setups)),
      ask: () => `What does \`${probe}\` print?`,
      observe: printed,
      fact: () => `/sys/module/${name}/holders/ lists the modules that use ${name}; lsmod prints the same list in its Used by column after the count.`,
    };
  },
};

const gplInsmod: Template = {
  id: 'gpl-insmod',
  topic: 'gpl',
  about: 'GPL-only symbols: does this module load?',
  draw(rng) {
    const user = rng.pick(['mod_c_prop', 'mod_d_prop', 'mod_a']);
    // Every situation loads USER itself (a class was offered mod_c_prop.ko's error in a
    // question about mod_d_prop): the distractors differ by what is loaded first and by the
    // tool, so each one names the module asked about.
    const situations: Situation[] = [
      ...sameProbe(`insmod ${user}.ko`, [['insmod mod_b.ko'], [], ['insmod mod_b.ko', `insmod ${user}.ko`]]),
      { setup: [], probe: `modprobe ${user}` },
      { setup: ['insmod mod_b.ko'], probe: `modprobe ${user}` },
      { setup: ['insmod mod_b.ko'], probe: `insmod ${user}` },
    ];
    const asked = situations[0] as Situation;
    return {
      asked,
      others: rng.shuffle(situations.slice(1)),
      ask: () => `mod_b exports mod_b_add with EXPORT_SYMBOL and mod_b_gpl_secret with EXPORT_SYMBOL_GPL. What does \`insmod ${user}.ko\` print now (license: ${imageById(`oracle:${user}`)?.license ?? 'none'})?`,
      observe: printed,
      fact: (r) => r.exitCode === 0
        ? `${user} only uses symbols its license may use, so it loads (\`dmesg | tail\` shows its init message).`
        : `The kernel hides EXPORT_SYMBOL_GPL symbols from non-GPL modules, so it reports them as unknown: ${r.klog[r.klog.length - 1] ?? ''}`,
    };
  },
};

const sysfsWrite: Template = {
  id: 'param-sysfs-write',
  topic: 'params',
  about: 'Writing a module parameter through sysfs',
  draw(rng) {
    const params = ['myint', 'mystring', 'myintarray', 'hidden'];
    const value = rng.pick(['123', 'abc', '7']);
    const situations = params.map((p) => ({ setup: ['insmod hello_param.ko'], probe: `echo ${value} > /sys/module/hello_param/parameters/${p}` }));
    situations.push({ setup: [], probe: `echo ${value} > /sys/module/hello_param/parameters/myint` });
    const asked = rng.pick(situations.slice(0, params.length));
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: () => `hello_param declares myint 0644, mystring and myintarray 0444, hidden 0. What does \`${asked.probe}\` print?`,
      observe: (r) => `${printed(r)} [exit ${r.exitCode}]`,
      fact: () => 'The permission given to module_param() becomes the mode of /sys/module/NAME/parameters/PARAM: 0644 is writable by root, 0444 read-only, 0 means no file at all; a value the type cannot parse is refused with EINVAL.',
    };
  },
};

const paramValue: Template = {
  id: 'param-value',
  topic: 'params',
  about: 'What value does a module parameter have?',
  draw(rng) {
    const setups = [
      ['insmod hello_param.ko'], ['insmod hello_param.ko myint=7'], ['insmod hello_param.ko myint=abc'],
      ['insmod hello_param.ko myint=7', 'echo 123 > /sys/module/hello_param/parameters/myint'],
      ['insmod hello_param.ko myint=7', 'echo abc > /sys/module/hello_param/parameters/myint'],
      ['modprobe hello_param myint=9'],
    ];
    return {
      ...oneOf(rng, sameProbe('cat /sys/module/hello_param/parameters/myint', setups)),
      ask: () => 'What does `cat /sys/module/hello_param/parameters/myint` print now?',
      observe: printed,
      fact: () => 'myint starts at its default (42) unless insmod/modprobe set it; sysfs writes change it at run time (0644); a bad value is refused, and a failed load leaves no /sys/module/hello_param at all.',
    };
  },
};

const modprobeLoads: Template = {
  id: 'modprobe-loads',
  topic: 'deps',
  about: 'Which modules does `modprobe X` load?',
  draw(rng) {
    const [name, dep] = rng.pick<[string, string]>([['vfat', 'fat'], ['msdos', 'fat'], ['mod_a', 'mod_b'], ['mod_d_prop', 'mod_b'], ['isofs', 'fat']]);
    const situations: Situation[] = [
      { setup: [], probe: `modprobe ${name}` },
      { setup: [`modprobe ${dep}`], probe: `modprobe ${name}` },
      { setup: [`modprobe ${name}`], probe: `modprobe ${name}` },
      { setup: [], probe: `insmod ${name}.ko` },
      { setup: [], probe: `modprobe -n ${name}` },
    ];
    const asked = rng.pick(situations.slice(0, 3));
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: () => `Which modules does \`${asked.probe}\` load?`,
      observe: (r) => `${listOrNone(added(r))}${r.exitCode === 0 ? '' : ` (exit ${r.exitCode})`}`,
      fact: (r) => `modprobe reads modules.dep and loads what is missing, dependencies first; already loaded modules are skipped. Here it loaded: ${listOrNone(added(r))}.`,
    };
  },
};

const dryRun: Template = {
  id: 'modprobe-dry-run',
  topic: 'deps',
  about: 'What does `modprobe -n -v X` (or --show-depends) print?',
  draw(rng) {
    const [name, dep] = rng.pick<[string, string]>([['vfat', 'fat'], ['msdos', 'fat'], ['mod_a', 'mod_b'], ['mod_d_prop', 'mod_b']]);
    const probe = rng.pick([`modprobe -n -v ${name}`, `modprobe --show-depends ${name}`]);
    const setups = [[], [`modprobe ${dep}`], [`modprobe ${name}`]];
    return {
      ...oneOf(rng, sameProbe(probe, setups)),
      ask: () => `What does \`${probe}\` print?`,
      observe: printed,
      fact: () => '`modprobe -n -v` prints the insmod commands it would run, skipping modules already loaded; `--show-depends` prints the whole chain from modules.dep whatever is loaded.',
    };
  },
};

const modinfoField: Template = {
  id: 'modinfo-field',
  topic: 'modinfo',
  about: 'What does `modinfo -F FIELD X` print?',
  draw(rng) {
    // Fields whose values differ across these modules in at least three ways (intree is
    // only Y or nothing, name would repeat the question).
    const field = rng.pick(['license', 'depends', 'alias', 'author']);
    const modules = rng.shuffle(['hello.ko', 'hello_old.ko', 'mod_a.ko', 'mod_c_prop.ko', 'lkm.ko', 'vfat', 'msdos', 'dummy', 'ext4', 'mod_d_prop.ko', 'isofs']);
    const situations = modules.map((m) => ({ setup: [], probe: `modinfo -F ${field} ${m}` }));
    return {
      ...oneOf(rng, situations),
      ask: (r) => `What does \`${r.situation.probe}\` print?`,
      observe: printed,
      fact: () => `modinfo reads the module file's .modinfo section; -F ${field} prints only that field (nothing when the module has none).`,
    };
  },
};

const dmesgLevel: Template = {
  id: 'dmesg-level',
  topic: 'dmesg',
  about: 'Which message does a dmesg level filter show?',
  draw(rng) {
    const load = rng.pick([['insmod hello.ko'], ['insmod mod_a.ko'], ['insmod hello_old.ko'], ['insmod fail_enodev.ko']]);
    const levels = ['warn', 'notice', 'info', 'err'];
    // dmesg -C first, so that every answer is one of the module's own lines (or nothing):
    // without it a level the module never used showed the boot log's last line (TERM=linux).
    const situations = levels.map((level) => ({ setup: ['dmesg -C', ...load], probe: `dmesg -t -l ${level} | tail -n 1` }));
    return {
      ...oneOf(rng, situations),
      ask: (r) => `What does \`${r.situation.probe}\` print?`,
      observe: printed,
      fact: () => 'Each kernel message has a level (KERN_ERR 3, KERN_WARNING 4, KERN_NOTICE 5, KERN_INFO 6); `dmesg -l LEVEL` shows only that level, `dmesg -x` shows every record\'s level.',
    };
  },
};

const noexitRemove: Template = {
  id: 'noexit-remove',
  topic: 'noexit',
  about: 'Removing a module that has no exit function',
  draw(rng) {
    const probes = ['rmmod noexit', 'modprobe -r noexit', 'rmmod -f noexit', "grep '^noexit ' /proc/modules"];
    const situations = probes.map((probe) => ({ setup: ['insmod noexit.ko'], probe }));
    situations.push({ setup: ['insmod hello.ko'], probe: 'rmmod hello' }, { setup: [], probe: 'rmmod noexit' });
    const asked = rng.pick(situations.slice(0, 3));
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: () => `noexit.ko has module_init but no module_exit. After \`insmod noexit.ko\`, what does \`${asked.probe}\` print?`,
      observe: printed,
      fact: () => 'Without an exit function the kernel refuses delete_module with EBUSY (/proc/modules marks it [permanent]); only rmmod -f removes it, and that taints the kernel R.',
    };
  },
};

const lsmodUsedBy: Template = {
  id: 'lsmod-used-by',
  topic: 'lsmod',
  about: 'What does lsmod show for this module?',
  draw(rng) {
    const [name, setups] = rng.pick<[string, string[][]]>([
      ['fat', [['modprobe vfat'], ['modprobe vfat', 'modprobe msdos'], ['modprobe fat'], ['modprobe msdos', 'modprobe vfat', 'rmmod msdos']]],
      ['mod_b', [['modprobe mod_a'], ['insmod mod_b.ko'], ['modprobe mod_a', 'modprobe mod_d_prop']]],
    ]);
    // Both probes name only NAME, so every distractor is a line about NAME (noexit, whose
    // line never changes, took its distractors from mod_b and is asked in noexit-remove).
    const probe = rng.pick([`lsmod | grep '^${name} '`, `grep '^${name} ' /proc/modules`]);
    const situations = sameProbe(probe, setups);
    const asked = rng.pick(situations.filter((s) => s.probe === probe));
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: () => `What does \`${probe}\` print?`,
      observe: printed,
      fact: () => 'lsmod formats /proc/modules: name, size, the reference count and the modules that use it; /proc/modules adds the state and marks a module without exit function [permanent].',
    };
  },
};

const blacklist: Template = {
  id: 'blacklist-alias',
  topic: 'blacklist',
  about: 'What does a modprobe.d blacklist stop?',
  draw(rng) {
    // One fixed command line, asked under different blacklist files: what each file stops
    // is the answer; the other files' results are the distractors.
    const probe = rng.pick([
      'modprobe rtnl-link-dummy; modprobe fs-vfat; modprobe msdos',
      'modprobe -b dummy; modprobe fs-msdos; modprobe vfat',
      'modprobe dummy; modprobe fs-vfat; modprobe -b msdos',
    ]);
    const file = '/etc/modprobe.d/blacklist-lab.conf';
    const confs = [['dummy'], ['vfat'], ['fat'], ['msdos'], ['dummy', 'vfat'], ['dummy', 'msdos']];
    const write = (names: string[]): string => `printf '${names.map((n) => `blacklist ${n}\\n`).join('')}' > ${file}`;
    const situations: Situation[] = [...confs.map((names) => ({ setup: [write(names)], probe })), { setup: [], probe }];
    const asked = rng.pick(situations.slice(0, confs.length));
    const lines = (asked.setup[0] ?? '').match(/blacklist \w+/g) ?? [];
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: () => `${file} says ${lines.map((l) => `\`${l}\``).join(' and ')}. Which modules does \`${probe}\` load?`,
      observe: (r) => `${listOrNone(added(r))}${r.exitCode === 0 ? '' : ` (exit ${r.exitCode})`}`,
      fact: (r) => `\`blacklist NAME\` only stops modprobe from loading NAME through an alias (fs-vfat, rtnl-link-dummy …) or with modprobe -b; by its name it loads, and so does a blacklisted dependency. Here: ${listOrNone(added(r))}.`,
    };
  },
};

const insmodPath: Template = {
  id: 'insmod-needs-path',
  topic: 'errors',
  about: 'insmod needs a file, and the right order',
  draw(rng) {
    const situations: Situation[] = [
      { setup: [], probe: 'insmod mod_a.ko' },
      { setup: ['insmod mod_b.ko'], probe: 'insmod mod_a.ko' },
      { setup: ['insmod mod_b.ko', 'insmod mod_a.ko'], probe: 'insmod mod_a.ko' },
      { setup: [], probe: 'insmod mod_a' },
      { setup: [], probe: 'insmod /lib/modules/$(uname -r)/extra/mod_a.ko' },
    ];
    return {
      ...oneOf(rng, situations),
      ask: (r) => `What does \`${r.situation.probe}\` print?`,
      observe: printed,
      fact: (r) => r.exitCode === 0
        ? 'insmod loads exactly the file it is given; with its dependency already loaded, mod_a resolves its symbols and loads.'
        : `insmod loads one file and nothing else: no dependency, no search path. ${r.klog.length ? `The kernel logged: ${r.klog[r.klog.length - 1]}` : ''}`.trim(),
    };
  },
};

export const templates: readonly Template[] = [
  rmmodPrints, modprobeRemoves, taintedValue, moduleTaint, initReturn, toolWording, refcnt, holdersList, gplInsmod,
  sysfsWrite, paramValue, modprobeLoads, dryRun, modinfoField, dmesgLevel, noexitRemove, lsmodUsedBy, blacklist, insmodPath,
  ...buildTemplates,
];
