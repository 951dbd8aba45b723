/**
 * Quiz templates about building and loading one's own module (issue 10): what modpost
 * reports for a source, how `make -C` ends with the wrong directory, and what insmod says
 * about a freshly built module whose exporter is or is not loaded. The sources are written
 * on the scratch machine by the situation's setup and built by its own make (kbuild), so
 * every answer is what the simulator printed.
 */
import type { Situation } from './scratch';
import { oneOf, printed, type Template } from './template';

/** Where the questions' modules are built: a user module, `counter`, and the module it calls, `adder`. */
const DIR = '/root/pair';
const KBUILD = `make -C /lib/modules/$(uname -r)/build M=${DIR}`;

/** One line of printf(1) that writes FILE with LINES (C source without ', with % written %%). */
function writeFile(file: string, lines: readonly string[]): string {
  return `printf '${lines.join('\\n')}\\n' > ${DIR}/${file}`;
}

/** adder.c: adder_add with EXPORT_SYMBOL, adder_secret with EXPORT_SYMBOL_GPL, GPL license. */
const ADDER = writeFile('adder.c', [
  '#include <linux/module.h>',
  'int adder_add(int a, int b) { return a + b; }',
  'EXPORT_SYMBOL(adder_add);',
  'int adder_secret(void) { return 42; }',
  'EXPORT_SYMBOL_GPL(adder_secret);',
  'MODULE_LICENSE("GPL");',
]);

/** counter.c calling CALLS, with LICENSE (none: no MODULE_LICENSE line). */
function counter(calls: string, license: string | undefined): string {
  return writeFile('counter.c', [
    '#include <linux/module.h>',
    `int ${calls}(${calls === 'adder_add' ? 'int a, int b' : 'void'});`,
    `static int __init counter_init(void) { pr_info("counter: %%d\\\\n", ${calls}(${calls === 'adder_add' ? '2, 3' : ''})); return 0; }`,
    'module_init(counter_init);',
    ...(license === undefined ? [] : [`MODULE_LICENSE("${license}");`]),
  ]);
}

/** The lines that make DIR hold adder.c, counter.c (as COUNTER writes it) and their Makefile. */
function sources(counterLine: string): string[] {
  return [`mkdir ${DIR}`, ADDER, counterLine, `echo 'obj-m += adder.o counter.o' > ${DIR}/Makefile`];
}

/** counter.c as a question words it. */
interface Variant {
  line: string;
  says: string;
}

const VARIANTS: readonly Variant[] = [
  { line: counter('adder_add', 'GPL'), says: 'calls adder_add() (EXPORT_SYMBOL in adder.c) and has MODULE_LICENSE("GPL")' },
  { line: counter('adder_add', undefined), says: 'calls adder_add() (EXPORT_SYMBOL in adder.c) and has no MODULE_LICENSE() line' },
  { line: counter('adder_secret', 'Proprietary'), says: 'calls adder_secret() (EXPORT_SYMBOL_GPL in adder.c) and has MODULE_LICENSE("Proprietary")' },
  { line: counter('adder_secret', 'GPL'), says: 'calls adder_secret() (EXPORT_SYMBOL_GPL in adder.c) and has MODULE_LICENSE("GPL")' },
  { line: counter('adder_sub', 'GPL'), says: 'declares and calls adder_sub(), which no file defines, and has MODULE_LICENSE("GPL")' },
];

function variantOf(situation: Situation): Variant | undefined {
  return VARIANTS.find((v) => situation.setup.includes(v.line));
}

const modpostSays: Template = {
  id: 'modpost-says',
  topic: 'build',
  about: 'What does modpost report for this module\'s source?',
  draw(rng) {
    // grep keeps modpost's own verdicts (ERROR:/WARNING: modpost: …), not kbuild's progress or make's Error lines.
    const probe = `${KBUILD} 2>&1 | grep '^[A-Z]*: modpost:'`;
    const situations = VARIANTS.map((v) => ({ setup: sources(v.line), probe }));
    return {
      ...oneOf(rng, situations),
      ask: (r) => `${DIR} holds adder.c and counter.c, built by one Makefile (\`obj-m += adder.o counter.o\`). counter.c ${variantOf(r.situation)?.says ?? ''}. What does modpost report when you run \`${KBUILD}\`?`,
      observe: printed,
      fact: (r) =>
        r.output === ''
          ? 'modpost found a license and every symbol counter uses exported by a module of the build (or the kernel) that its license may use, so the build goes on to LD [M].'
          : 'modpost checks each module after compiling: Linux 6.1 refuses a module without MODULE_LICENSE(), a symbol no module or kernel exports ("undefined!"), and an EXPORT_SYMBOL_GPL symbol used by a non-GPL module; make then stops with Error 2 and no .ko is linked.',
    };
  },
};

/** The line where make gave up (its first `***`), as a choice shows it. */
function stopLine(output: string): string {
  return output.split('\n').find((l) => l.includes('*** ')) ?? '(no error: the modules are built)';
}

const makeDirectory: Template = {
  id: 'make-c-path',
  topic: 'build',
  about: 'Where does `make -C DIR M=…` stop with this DIR?',
  draw(rng) {
    const setup = sources(counter('adder_add', 'GPL'));
    const probes = [
      KBUILD,
      `make -C /lib/modules/6.1.0-99-amd64/build M=${DIR}`,
      `make -C /lib/modules/$(uname -r) M=${DIR}`,
      `make -C ${DIR}`,
      `make -C /lib/modules/$(uname -r)/build M=/root/nothere`,
    ];
    const situations: Situation[] = probes.map((probe) => ({ setup, probe }));
    return {
      ...oneOf(rng, situations),
      ask: (r) => `${DIR} holds adder.c, counter.c and a Makefile with \`obj-m += adder.o counter.o\`. Which error does \`${r.situation.probe}\` stop with?`,
      observe: (r) => stopLine(r.output),
      fact: (r) =>
        r.exitCode === 0
          ? 'make -C goes to the kernel\'s build tree (/lib/modules/RELEASE/build, a link to the headers package), whose Makefile builds the modules of M= and leaves again.'
          : `make -C DIR runs DIR's Makefile: for a module, DIR is the running kernel's build tree (/lib/modules/$(uname -r)/build) and M= the module's own directory, which needs a Makefile or Kbuild file; a Makefile holding only obj-m has no target of its own. Here make stopped (exit ${r.exitCode}).`,
    };
  },
};

const insmodBuilt: Template = {
  id: 'insmod-built',
  topic: 'build',
  about: 'Loading a module you built: what does insmod (or modprobe) say?',
  draw(rng) {
    const built = [...sources(counter('adder_add', 'GPL')), KBUILD];
    const situations: Situation[] = [
      { setup: built, probe: 'insmod pair/counter.ko' },
      { setup: [...built, 'insmod pair/adder.ko'], probe: 'insmod pair/counter.ko' },
      { setup: [...built, 'insmod pair/adder.ko', 'insmod pair/counter.ko'], probe: 'insmod pair/counter.ko' },
      { setup: built, probe: 'modprobe counter' },
      { setup: built, probe: 'insmod counter.ko' },
    ];
    const asked = rng.pick(situations);
    const loaded = (s: Situation): string => {
      const names = s.setup.filter((l) => l.startsWith('insmod ')).map((l) => l.slice(l.lastIndexOf('/') + 1).replace(/\.ko$/, ''));
      return names.length === 0 ? 'nothing of it is loaded' : `${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} loaded`;
    };
    return {
      asked,
      others: rng.shuffle(situations.filter((s) => s !== asked)),
      ask: (r) => `In /root, \`${KBUILD}\` built pair/adder.ko and pair/counter.ko (counter calls adder_add(), which adder exports); ${loaded(r.situation)}. What does \`${r.situation.probe}\` print?`,
      observe: printed,
      fact: (r) =>
        r.exitCode === 0
          ? 'adder is loaded, so the kernel resolves counter\'s call to adder_add and counter loads (lsmod: adder … 1 counter).'
          : 'insmod loads exactly the file it is given, with no dependency; modprobe finds only modules installed under /lib/modules/$(uname -r) (make modules_install, then depmod -a).',
    };
  },
};

export const buildTemplates: readonly Template[] = [modpostSays, makeDirectory, insmodBuilt];
