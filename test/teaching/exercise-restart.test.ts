/**
 * Issue 13, preparing a class: an exercise again from its start (/exercise restart by the
 * class while it is open, /exercise reset by an instructor, here or from elsewhere), and
 * exercise files that start from a workspace's snapshot or with setup lines.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Scope } from '../../src/contracts/invocation';
import type { Reply } from '../../src/contracts/reply';
import { as, LAB, textOf } from './helpers';

const PROF = ['instructor' as const];
const STUDENT = ['student' as const];

function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'modlab-exercises-'));
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(doc));
  return dir;
}

const fromSnapshot = {
  id: 'week3-holders',
  title: 'Holders, from the week 3 machine',
  task: 'Unload vfat.',
  snapshot: 'week3',
  setup: ['insmod mod_b.ko', 'insmod /nowhere/x.ko'],
  goal: { notLoaded: 'vfat' },
};

const withSetupList = {
  id: 'setup-list',
  title: 'Setup as a list',
  task: 'Unload mod_b.',
  setup: ['insmod mod_b.ko', 'insmod mod_a.ko'],
  goal: { notLoaded: 'mod_b' },
};

describe('/exercise restart and /exercise reset', () => {
  let app: App;
  let now = Date.UTC(2026, 11, 4, 9);

  beforeEach(async () => {
    app = await createApp({ store: 'memory', clock: () => (now += 100), quizTickMs: 0, rateLimit: false, exercisesDir: folderWith({ 'a.json': fromSnapshot, 'b.json': withSetupList }) });
  });
  afterEach(() => app.close());

  async function start(id: string, scope: Scope = LAB): Promise<{ room: Scope; reply: Reply }> {
    const reply = await app.handle(as('prof', PROF, scope, 'exercise', `start ${id}`));
    const m = /Switch to it with :in (\S+)/.exec(textOf(reply));
    assert.ok(m, textOf(reply));
    return { room: { ...LAB, channel: m[1] as string }, reply };
  }

  const sh = (room: Scope, line: string, who = 'alice'): Promise<Reply> => app.handle(as(who, STUDENT, room, 'sh', line));

  it('lets the class restart an open attempt: the machine as at the start, progress, hints and rules back to none', async () => {
    const { room } = await start('rmmod-in-use');
    await sh(room, 'modprobe -r mod_a', 'bob');
    await app.handle(as('alice', STUDENT, room, 'exercise', 'hint'));
    assert.equal(textOf(await sh(room, 'lsmod | wc -l')), '1\n');
    const restarted = await app.handle(as('alice', STUDENT, room, 'exercise', 'restart'));
    assert.equal(restarted.visibility, 'channel');
    assert.match(textOf(restarted), /^alice restarted the exercise "rmmod and "in use"": a freshly booted machine again, hints and contributions back to none\.\nExercise: rmmod and "in use"\n/);
    assert.equal(textOf(await sh(room, 'lsmod | cut -c1-6')), 'Module\nmod_a \nmod_b \n');
    const status = textOf(await app.handle(as('alice', STUDENT, room, 'exercise', 'status')));
    assert.match(status, /in progress; started by prof\./);
    assert.match(status, /\[x\] nobody used modprobe/);
    assert.match(status, /Hints shown: 0 of 3\./);
    assert.match(status, /Contributors: alice \(`lsmod \| cut -c1-6`\)\./);
    // The setup's own lines are no student's commands.
    assert.doesNotMatch(textOf(await sh(room, 'history')), /insmod/);
  });

  it('refuses the class a restart once the exercise is solved; an instructor resets it', async () => {
    const { room } = await start('rmmod-in-use');
    await sh(room, 'rmmod mod_a');
    assert.match(textOf(await sh(room, 'rmmod mod_b')), /Exercise solved/);
    assert.equal(textOf(await app.handle(as('alice', STUDENT, room, 'exercise', 'restart'))), 'This exercise is solved; only an instructor can start it again (/exercise reset).');
    assert.equal(textOf(await app.handle(as('alice', STUDENT, room, 'exercise', 'reset'))), 'Only instructors may run /exercise reset.');
    assert.match(textOf(await app.handle(as('prof', PROF, room, 'exercise', 'reset'))), /^prof reset the exercise "rmmod and "in use"": a freshly booted machine again/);
    assert.match(textOf(await app.handle(as('alice', STUDENT, room, 'exercise', 'status'))), /, in progress;/);
    assert.equal(textOf(await sh(room, 'lsmod | wc -l')), '3\n');
  });

  it('resets a conversation named as /exercise list names it, from the lab, telling its class there', async () => {
    const { room } = await start('rmmod-in-use');
    await sh(room, 'rmmod mod_a');
    const posted: Array<{ scope: Scope; text: string }> = [];
    app.setAnnouncer?.({ platform: 'console', post: async (scope, reply) => void posted.push({ scope, text: textOf(reply) }) });
    const reset = await app.handle(as('prof', PROF, LAB, 'exercise', `reset ${room.channel}`));
    assert.equal(textOf(reset), `Reset the exercise "rmmod and "in use"" in ${room.channel} (its class was told there).`);
    assert.equal(reset.visibility, 'user');
    assert.deepEqual(posted.map((p) => p.scope.channel), [room.channel]);
    assert.match(posted[0]?.text ?? '', /^prof reset the exercise/);
    assert.equal(textOf(await sh(room, 'lsmod | wc -l')), '3\n');
    assert.equal(textOf(await app.handle(as('prof', PROF, LAB, 'exercise', 'reset nowhere'))), 'No conversation named "nowhere" in this workspace. /exercise list names the exercise conversations.');
    assert.match(textOf(await app.handle(as('prof', PROF, LAB, 'exercise', 'reset'))), /^No exercise is running in this conversation/);
  });

  it('runs setup lines given as a list, before the class arrives', async () => {
    const { room } = await start('setup-list');
    assert.equal(textOf(await sh(room, 'lsmod | cut -c1-6')), 'Module\nmod_a \nmod_b \n');
  });

  it('starts an exercise from the workspace\'s snapshot, with a clear error while it is missing', async () => {
    assert.equal(
      textOf(await app.handle(as('prof', PROF, LAB, 'exercise', 'start week3-holders'))),
      'The exercise "week3-holders" starts from the snapshot week3, which this workspace does not have. Save it first: set a machine up, then /modlab snapshot save week3 (see /modlab snapshot list).',
    );
    await app.handle(as('prof', PROF, LAB, 'sh', 'modprobe vfat'));
    await app.handle(as('prof', PROF, LAB, 'modlab', 'snapshot save week3'));
    const { room, reply } = await start('week3-holders');
    // The instructor learns which setup line failed; the class sees no setup output.
    assert.match(textOf(reply), /\nSetup lines? of this exercise failed: `insmod \/nowhere\/x\.ko` exited 1: insmod: ERROR: could not load module \/nowhere\/x\.ko: No such file or directory\n/);
    assert.equal(textOf(await sh(room, 'lsmod | cut -c1-6')), 'Module\nmod_b \nvfat  \nfat   \n');
    await sh(room, 'rmmod vfat');
    assert.match(textOf(await app.handle(as('alice', STUDENT, room, 'exercise', 'status'))), /, solved;/);
    await app.handle(as('prof', PROF, room, 'exercise', 'reset'));
    assert.equal(textOf(await sh(room, 'lsmod | cut -c1-6')), 'Module\nmod_b \nvfat  \nfat   \n');
  });
});
