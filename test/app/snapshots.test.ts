/**
 * Preparing a class (issue 13): an instructor saves a conversation's machine as a named
 * snapshot of the workspace, and starts other conversations from it with /modlab reboot NAME.
 */
import { strict as assert } from 'node:assert';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Scope } from '../../src/contracts/invocation';
import { MAX_SNAPSHOTS } from '../../src/scope/snapshots';
import { CHANNEL, noticeText, output, say, slash } from './helpers';

const TEACH = ['instructor' as const];
const TEAM2: Scope = { ...CHANNEL, channel: 'team2' };
const OTHER_WORKSPACE: Scope = { ...CHANNEL, workspace: 'elsewhere', channel: 'team9' };

describe('snapshots: named starting points for a workspace', () => {
  let app: App;
  let now: number;

  beforeEach(async () => {
    now = Date.UTC(2026, 11, 1, 9);
    app = await createApp({ store: 'memory', clock: () => (now += 10), quizTickMs: 0, rateLimit: false });
  });
  afterEach(() => app.close());

  it('saves the machine, and /modlab reboot NAME gives another conversation that machine', async () => {
    await app.handle(say('modprobe vfat; echo prepared > /root/notes.txt', 'prof', TEACH));
    const saved = await app.handle(slash('modlab', 'snapshot save Week3-start', 'prof', TEACH));
    assert.equal(noticeText(saved), 'prof saved this machine as the snapshot week3-start: /modlab reboot week3-start starts any conversation of this workspace from it.');
    assert.equal(saved.visibility, 'channel');

    const started = await app.handle(slash('modlab', 'reboot week3-start', 'prof', TEACH, TEAM2));
    assert.equal(noticeText(started), 'prof started this machine from the snapshot week3-start (saved by prof from lab).');
    const lsmod = await app.handle(say('lsmod; cat /root/notes.txt', 'alice', ['student'], TEAM2));
    assert.equal(output(lsmod), 'Module                  Size  Used by\nvfat                   24576  0\nfat                    90112  1 vfat\nprepared\n');
  });

  it('keeps each started machine apart from the snapshot and from the others', async () => {
    await app.handle(say('modprobe vfat', 'prof', TEACH));
    await app.handle(slash('modlab', 'snapshot save base', 'prof', TEACH));
    await app.handle(slash('modlab', 'reboot base', 'prof', TEACH, TEAM2));
    await app.handle(say('rmmod vfat fat', 'alice', ['student'], TEAM2));
    await app.handle(slash('modlab', 'reboot base', 'prof', TEACH, { ...CHANNEL, channel: 'team3' }));
    assert.equal(output(await app.handle(say('lsmod | wc -l', 'bob', ['student'], { ...CHANNEL, channel: 'team3' }))), '3\n');
    assert.equal(output(await app.handle(say('lsmod | wc -l', 'bob', ['student'], TEAM2))), '1\n');
  });

  it('lists the workspace\'s snapshots, and no other workspace sees them', async () => {
    await app.handle(slash('modlab', 'snapshot save b-day', 'prof', TEACH));
    await app.handle(slash('modlab', 'snapshot save a-day', 'prof', TEACH, TEAM2));
    const list = noticeText(await app.handle(slash('modlab', 'snapshot list', 'prof', TEACH)));
    assert.match(list, /^Snapshots \(an instructor starts a machine from one with \/modlab reboot NAME\):\n {2}a-day {16}saved by prof from team2, 2026-12-01 09:00 UTC\n {2}b-day {16}saved by prof from lab, 2026-12-01 09:00 UTC$/);
    assert.equal(noticeText(await app.handle(slash('modlab', 'snapshot list', 'prof', TEACH, OTHER_WORKSPACE))), 'No snapshots in this workspace yet. An instructor saves one with /modlab snapshot save NAME.');
    // In another workspace the name is only a kernel parameter.
    assert.match(noticeText(await app.handle(slash('modlab', 'reboot a-day', 'prof', TEACH, OTHER_WORKSPACE))), /^prof rebooted this machine with a-day: a fresh Linux/);
  });

  it('refuses students, bad names, and a snapshot too many', async () => {
    assert.equal(noticeText(await app.handle(slash('modlab', 'snapshot save mine', 'alice'))), 'Only instructors may run /modlab snapshot.');
    for (const bad of ['a.b', 'x=1', '-lead', 'a'.repeat(33)]) {
      assert.equal(noticeText(await app.handle(slash('modlab', `snapshot save ${bad}`, 'prof', TEACH))), 'A snapshot name is 1 to 32 letters, digits, - or _, e.g. week3-start.', bad);
    }
    assert.equal(noticeText(await app.handle(slash('modlab', 'snapshot save', 'prof', TEACH))), 'Which name? /modlab snapshot save NAME');
    assert.equal(noticeText(await app.handle(slash('modlab', 'snapshot drop x', 'prof', TEACH))), 'modlab snapshot: save NAME or list.');
    assert.match(noticeText(await app.handle(slash('modlab', `snapshot save ${'a'.repeat(32)}`, 'prof', TEACH))), /^prof saved/);
    for (let i = 1; i < MAX_SNAPSHOTS; i++) await app.handle(slash('modlab', `snapshot save s${i}`, 'prof', TEACH));
    assert.equal(noticeText(await app.handle(slash('modlab', 'snapshot save one-more', 'prof', TEACH))), `This workspace keeps at most ${MAX_SNAPSHOTS} snapshots; save over an old name instead.`);
    // Saving over an existing name still works at the limit.
    assert.match(noticeText(await app.handle(slash('modlab', 'snapshot save s1', 'prof', TEACH))), /^prof saved this machine as the snapshot s1:/);
  });
});
