/**
 * App.perform: an instructor's action from outside the chat (the dashboard) runs as the chat
 * command, then its public answer is posted in the conversation by the platform's announcer,
 * and a thread it asks for is opened and claimed there.
 */
import { strict as assert } from 'node:assert';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Scope } from '../../src/contracts/invocation';
import { scopeKey } from '../../src/contracts/invocation';
import { noticeText, slash } from './helpers';

const LAB: Scope = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const THREAD: Scope = { ...LAB, thread: '1790000000.000100' };

describe('App.perform: dashboard actions, posted in the chat', () => {
  let app: App;
  beforeEach(async () => {
    app = await createApp({ store: 'memory', quizTickMs: 0, rateLimit: false });
  });
  afterEach(() => app.close());

  it('posts the answer, opens the thread it asks for, and claims it for the exercise', async () => {
    const posts: string[] = [];
    app.setAnnouncer?.({ platform: 'slack', post: async (scope, reply) => (posts.push(`${scopeKey(scope)}: ${noticeText(reply).split('\n')[0]}`), reply.openThread ? THREAD : undefined) });
    const reply = await app.perform!(slash('exercise', 'start modinfo', 'prof', ['instructor'], LAB));
    assert.match(noticeText(reply), /^prof started the exercise "modinfo/);
    assert.deepEqual(posts.map((p) => p.replace(/: .*/, '')), ['slack:T1:C1', 'slack:T1:C1:1790000000.000100']);
    assert.match(noticeText(await app.handle(slash('exercise', 'status', 'alice', ['student'], THREAD))), /^Exercise: .*\(modinfo\), in progress; started by prof\./);
  });

  it('says when nothing could be posted: no adapter for the platform, or the platform refused', async () => {
    const alone = await app.perform!(slash('modlab', 'reboot', 'prof', ['instructor'], LAB));
    assert.match(noticeText(alone), /\nDone, but not posted in the chat: no slack adapter runs in this process\.$/);
    app.setAnnouncer?.({ platform: 'slack', post: async () => Promise.reject(new Error('not_in_channel')) });
    const refused = await app.perform!(slash('modlab', 'reboot', 'prof', ['instructor'], LAB));
    assert.match(noticeText(refused), /\nDone, but not posted in the chat: the platform refused the message\.$/);
  });

  it('posts nothing the chat command refused, or answered privately', async () => {
    let posted = 0;
    app.setAnnouncer?.({ platform: 'slack', post: async () => void posted++ });
    assert.equal(noticeText(await app.perform!(slash('modlab', 'reboot', 'eve', ['student'], LAB))), 'Only instructors may run /modlab reboot.');
    await app.perform!(slash('exercise', 'list', 'prof', ['instructor'], LAB));
    assert.equal(posted, 0);
  });
});
