/**
 * The four exercises that ask for code (issue 10), end to end through the chat path: what
 * the student sees at each step that teaches something — modpost's errors, the Oops, the
 * module stuck in Loading — and that a wrong fix does not count.
 */
import { strict as assert } from 'node:assert';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Scope } from '../../src/contracts/invocation';
import { builtinExerciseFiles } from '../../exercises';
import { buildExerciseSet } from '../../src/teaching/exercise-set';
import { as, LAB, startExercise, textOf } from './helpers';

const exercises = buildExerciseSet({ builtin: builtinExerciseFiles }).exercises;
const BUILD_OOPS = 'make -C /lib/modules/$(uname -r)/build M=/root/oops';

describe('exercises that ask for code, through the chat', () => {
  let app: App;
  let now = Date.UTC(2026, 10, 25, 9, 0, 0);
  beforeEach(async () => {
    app = await createApp({ store: 'memory', clock: () => (now += 100), quizTickMs: 0 });
  });
  afterEach(() => app.close());

  const start = (id: string): Promise<Scope> => startExercise(app, id);

  async function sh(room: Scope, line: string): Promise<string> {
    return textOf(await app.handle(as('alice', ['student'], room, 'sh', line)));
  }

  /** The scripted solution's replies, one per line. */
  async function solve(id: string): Promise<{ room: Scope; replies: string[] }> {
    const room = await start(id);
    const lines = exercises.find((e) => e.id === id)?.solution ?? [];
    const replies: string[] = [];
    for (const line of lines) replies.push(await sh(room, line));
    return { room, replies };
  }

  it('there are at least four, and each names a file the student writes or fixes', () => {
    for (const id of ['fix-the-license', 'param-in-sysfs', 'exporter-and-user', 'null-dereference']) {
      const e = exercises.find((x) => x.id === id);
      assert.ok(e, id);
      assert.ok(e.solution?.some((l) => /^(cat > \S+\.c\b|sed -i .* \S+\.c$|.*>> \S+\.c$)/.test(l)), `${id}'s solution writes C`);
    }
  });

  it('fix-the-license: modpost 6.1 refuses the module without a license, the fixed one loads and prints', async () => {
    const { room, replies } = await solve('fix-the-license');
    assert.match(replies[0] ?? '', /^ERROR: modpost: missing MODULE_LICENSE\(\) in \/root\/lkm\/lkm2\.o$/m);
    assert.match(await sh(room, 'dmesg | tail -1'), /\] Hello, world 2\n$/);
  });

  it('exporter-and-user: modpost names the undefined symbol; loaded, the user holds the exporter', async () => {
    const { room, replies } = await solve('exporter-and-user');
    assert.match(replies[2] ?? '', /^ERROR: modpost: "exporter_add" \[\/root\/shared\/user\.ko\] undefined!$/m);
    assert.match(replies.at(-1) ?? '', /^exporter +16384 +1 user$/m);
    assert.match(await sh(room, 'dmesg | tail -1'), /\] user: 2\+3=5\n$/);
    assert.equal(await sh(room, 'rmmod exporter'), 'rmmod: ERROR: Module exporter is in use by: user\n');
  });

  it('param-in-sysfs: the value given to insmod is in sysfs, and root may change it', async () => {
    const { room, replies } = await solve('param-in-sysfs');
    assert.equal(replies.at(-1)?.split('\n')[0], '3');
    await sh(room, 'echo 5 > /sys/module/greet/parameters/count');
    assert.equal(await sh(room, 'cat /sys/module/greet/parameters/count'), '5\n');
  });

  it('null-dereference: greet.ko Oopses at a write to address 0 in greet_init, stays Loading; fixed.ko goes live', async () => {
    const room = await start('null-dereference');
    await sh(room, BUILD_OOPS);
    assert.match(await sh(room, 'insmod oops/greet.ko; echo "exit=$?"'), /^bash: line 1: +\d+ Killed {18}insmod oops\/greet\.ko\nexit=137\n$/);
    const oops = await sh(room, 'dmesg | grep -E "^\\[ *[0-9.]+\\] (BUG|#PF|Oops|RIP: 0010)" | cut -d" " -f2- | sed "s/^ *[0-9.]*\\] //"');
    assert.deepEqual(oops.trim().split('\n').slice(0, 5), [
      'BUG: kernel NULL pointer dereference, address: 0000000000000000',
      '#PF: supervisor write access in kernel mode',
      '#PF: error_code(0x0002) - not-present page',
      'Oops: 0002 [#1] PREEMPT SMP NOPTI',
      'RIP: 0010:greet_init+0x11/0x1000 [greet]',
    ]);
    assert.match(await sh(room, 'cat /proc/modules'), /^greet 28672 1 - Loading 0x[0-9a-f]{16} \(OE\+\)$/m);
    assert.match(await sh(room, 'cat /sys/module/greet/initstate'), /^coming\n$/);
    const lines = exercises.find((e) => e.id === 'null-dereference')?.solution ?? [];
    const replies: string[] = [];
    for (const line of lines.slice(2)) replies.push(await sh(room, line));
    assert.ok(replies.some((r) => /Exercise solved/.test(r)), replies.join('\n'));
    assert.equal(await sh(room, 'cat /sys/module/fixed/initstate'), 'live\n');
    assert.match(await sh(room, 'dmesg | tail -2'), /\] greet: Hello, kernel \(1\)\n\[[ 0-9.]+\] greet: ready\n$/);
    // D (died, 128) among the taints: 12416 = D + O + E as 11a recorded
    assert.equal(await sh(room, 'cat /proc/sys/kernel/tainted'), '12416\n');
  });

  it('null-dereference: a fix that allocates after the first write still Oopses, and does not count', async () => {
    const room = await start('null-dereference');
    await sh(room, 'cp oops/greet.c oops/fixed.c');
    await sh(room, "sed -i 's/^\\tstrcpy(greeting->text/\\tgreeting = kzalloc(sizeof(*greeting), GFP_KERNEL);\\n\\tstrcpy(greeting->text/' oops/fixed.c");
    await sh(room, "echo 'obj-m += fixed.o' >> oops/Makefile");
    await sh(room, BUILD_OOPS);
    const load = await sh(room, 'insmod oops/fixed.ko; echo "exit=$?"');
    assert.match(load, /Killed {18}insmod oops\/fixed\.ko\nexit=137\n$/);
    assert.doesNotMatch(load, /Exercise solved/);
    assert.match(await sh(room, 'dmesg | grep "RIP: 0010" | tail -1'), /RIP: 0010:greet_init\+0x11\/0x1000 \[fixed\]/);
    const status = textOf(await app.handle(as('alice', ['student'], room, 'exercise', 'status')));
    assert.match(status, /, in progress;/);
  });
});
