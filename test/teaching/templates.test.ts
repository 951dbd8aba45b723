import { strict as assert } from 'node:assert';
import { Rng } from '../../src/teaching/quiz/rng';
import { Scratch } from '../../src/teaching/quiz/scratch';
import { templates } from '../../src/teaching/quiz/templates';
import { fromTemplate, generateQuestion, MAX_CHOICES, MIN_CHOICES } from '../../src/teaching/quiz/question';
import { bootMachine, execLine } from '../../src/machine/machine';

const SEEDS = [1, 2, 3, 4, 5, 6];

/** Run SETUP then PROBE on a machine booted here, independently of the quiz code. */
function replay(setup: readonly string[], probe: string): { output: string; exitCode: number; before: string[]; after: string[]; klog: string[] } {
  let t = Date.UTC(2026, 0, 1);
  const options = { clock: () => (t += 50), hostname: 'modlab' };
  const state = bootMachine(options);
  for (const line of setup) execLine(state, line, options);
  const loaded = (): string[] => state.kernel.modules.map((m) => m.name);
  const before = loaded();
  const result = execLine(state, probe, options);
  return { output: result.output, exitCode: result.exitCode, before, after: loaded(), klog: result.klog.map((r) => r.text) };
}

const names = (list: string[]): string => (list.length ? [...list].sort().join(', ') : 'none');

/** What the right answer must be, from the independent replay, for each kind of template. */
function expected(template: string, r: ReturnType<typeof replay>, probe: string): string {
  const printed = r.output === '\n' ? '(prints an empty line)' : r.output.replace(/\n$/, '') || '(prints nothing)';
  const status = r.exitCode === 0 ? '' : ` (exit ${r.exitCode})`;
  switch (template) {
    case 'modprobe-r-removes':
      return names(r.before.filter((m) => !r.after.includes(m))) + status;
    case 'modprobe-loads':
    case 'blacklist-alias':
      return names(r.after.filter((m) => !r.before.includes(m))) + status;
    case 'init-return': {
      const name = (probe.split(' ')[1] ?? '').replace(/\.ko$/, '');
      const errno = r.output.match(/could not insert module [^:]+: (.+)\n$/)?.[1];
      const warned = r.klog.some((l) => l.includes('suspiciously returned 1, it should follow 0/-E convention'));
      return [
        `insmod exits ${r.exitCode}`,
        ...(errno ? [`prints "${errno}"`] : []),
        `the module is ${r.after.includes(name) ? 'loaded' : 'not loaded'}`,
        ...(warned ? ['dmesg warns "suspiciously returned 1, it should follow 0/-E convention" with a stack trace'] : []),
      ].join('; ');
    }
    case 'param-sysfs-write':
      return `${printed} [exit ${r.exitCode}]`;
    case 'make-c-path':
      // make's first "***" line: where it gave up.
      return r.output.split('\n').find((l) => l.includes('*** ')) ?? '(no error: the modules are built)';
    default:
      return printed;
  }
}

describe('quiz templates', () => {
  const scratch = new Scratch();

  it('are at least 15, over every topic of the issue', () => {
    // issue 10: three of them about building and loading one's own module
    assert.ok(templates.filter((t) => t.topic === 'build').length >= 3);
    assert.ok(templates.length >= 15);
    const topics = new Set(templates.map((t) => t.topic));
    for (const topic of ['lsmod', 'deps', 'modinfo', 'dmesg', 'taint', 'rmmod', 'init', 'errors', 'holders', 'gpl', 'params', 'blacklist', 'modprobe-r', 'noexit', 'build']) {
      assert.ok(topics.has(topic as never), `a template on ${topic}`);
    }
  });

  for (const template of templates) {
    it(`${template.id}: the right answer is what a freshly booted simulator does`, () => {
      let made = 0;
      for (const seed of SEEDS) {
        const q = fromTemplate(scratch, template, new Rng(seed), seed);
        if (!q) continue;
        made += 1;
        assert.ok(q.choices.length >= MIN_CHOICES && q.choices.length <= MAX_CHOICES, `${q.choices.length} choices`);
        assert.equal(new Set(q.choices).size, q.choices.length, 'distinct choices');
        // The same draw on a new scratch machine gives the same answer…
        const again = fromTemplate(new Scratch(), template, new Rng(seed), seed);
        assert.deepEqual(again, q);
        // …and it is exactly what a machine booted here prints or does.
        assert.equal(q.choices[q.correct], expected(template.id, replay(q.setup, q.probe), q.probe), `${q.setup.join('; ')}; ${q.probe}`);
      }
      assert.ok(made >= 3, `${template.id} made ${made} questions from ${SEEDS.length} seeds`);
    });
  }

  it('asks what rmmod prints for a module in use exactly as the oracle shows (03-deps)', () => {
    const rmmod = templates.find((t) => t.id === 'rmmod-prints')!;
    for (let seed = 1; seed < 400; seed++) {
      const q = fromTemplate(scratch, rmmod, new Rng(seed), seed);
      if (q && q.probe === 'rmmod mod_b' && q.setup.join(';') === 'insmod mod_b.ko;insmod mod_a.ko') {
        assert.equal(q.choices[q.correct], 'rmmod: ERROR: Module mod_b is in use by: mod_a');
        return;
      }
    }
    assert.fail('no seed below 400 asks about rmmod mod_b held by mod_a');
  });

  it('answers the taint question as the oracle shows (07-taint: hello.ko gives 12288)', () => {
    const taint = templates.find((t) => t.id === 'tainted-value')!;
    for (let seed = 1; seed < 400; seed++) {
      const q = fromTemplate(scratch, taint, new Rng(seed), seed);
      if (q && q.setup.join(';') === 'insmod hello.ko') {
        assert.equal(q.choices[q.correct], '12288');
        return;
      }
    }
    assert.fail('no seed below 400 asks about hello.ko\'s taint');
  });

  it('make hundreds of distinct questions, and a seed names one', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 400; seed++) {
      const q = generateQuestion(scratch, seed);
      if (q) seen.add(`${q.template}|${q.setup.join(';')}|${q.probe}|${[...q.choices].sort().join('|')}`);
    }
    assert.ok(seen.size >= 200, `${seen.size} distinct questions from 400 seeds`);
    assert.deepEqual(generateQuestion(scratch, 1234, 'holders'), generateQuestion(new Scratch(), 1234, 'holders'));
  });
});
